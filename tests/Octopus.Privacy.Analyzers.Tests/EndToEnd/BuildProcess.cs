using System.Diagnostics;

namespace Octopus.Privacy.Analyzers.Tests.EndToEnd;

/// <summary>
/// Runs a build tool (dotnet, or bash running dotnet) as a user's shell would: without the test run's MSBuild
/// settings, with a package cache of the caller's, and bounded in time so that a hung build fails the test.
/// </summary>
internal static class BuildProcess
{
    public static (int ExitCode, string Output) Run(string workingDirectory, string packages, TimeSpan limit, string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A build started from a test must not inherit the test run's MSBuild settings.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NUGET_PACKAGES"] = packages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
