using System.Diagnostics;

namespace Octopus.Privacy.Testing;

/// <summary>A test's writer program (a project under <c>tests/</c>) run as a separate process, as the ledger's real processes are.</summary>
internal static class WriterProcess
{
    /// <summary>Starts the writer project's build output (same configuration as the tests) with the arguments, output redirected.</summary>
    public static Process Start(string project, params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var writer = Path.Combine(RepositoryPaths.Root, "tests", project, "bin", configuration, "net10.0", project + ".dll");
        Assert.True(File.Exists(writer), $"{writer} is missing; build the solution first");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(writer);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Waits (at most five minutes) for the process to exit and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> WaitAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }
}
