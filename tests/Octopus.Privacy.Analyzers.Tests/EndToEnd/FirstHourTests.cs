using System.Text.RegularExpressions;

namespace Octopus.Privacy.Analyzers.Tests.EndToEnd;

/// <summary>
/// A newcomer's first hour, as the README writes it: the commands of its "Use it from your own project" section, run
/// exactly as written by bash on a copy of the repository with a package cache of its own (a fresh machine's), then the
/// README's quick start built in the project they made, with the packages the README names.
/// </summary>
public sealed partial class FirstHourTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-first-hour-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_READMEs_commands_pack_the_packages_and_a_project_of_ones_own_uses_them()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var script = FirstHourBlock().Match(readme);
        Assert.True(script.Success, "the README has no first-hour block between its markers");
        var checkout = Path.Combine(_directory, "checkout");
        CopyCheckout(RepositoryPaths.Root, checkout);
        var scriptFile = Path.Combine(_directory, "first-hour.sh");
        File.WriteAllText(scriptFile, script.Groups[1].Value);

        var run = Run(checkout, "bash", "-euo", "pipefail", scriptFile);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("offers to customer-1: True", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"   1  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  accept   1\.0", run.Output);

        // The quick start, pasted into that project, builds with the packages the README names and nothing else.
        var project = Path.Combine(_directory, "MyService");
        var quickStart = CSharpBlock().Matches(readme)[0].Groups[1].Value;
        File.WriteAllText(Path.Combine(project, "Program.cs"), quickStart);
        var named = Regex.Matches(readme[..readme.IndexOf(quickStart, StringComparison.Ordinal)].Split("## Quick start")[^1], "`([A-Za-z.]+)`").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("Octopus.Privacy", named);
        Assert.Contains("Microsoft.Extensions.DependencyInjection", named);

        var build = Run(project, "dotnet", "build", "-warnaserror");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("Offer sent.", Run(project, "dotnet", "run", "--no-build").Output, StringComparison.Ordinal);
    }

    /// <summary>What a checkout holds that packing needs: everything but git's files, build outputs and the test, benchmark and sample projects.</summary>
    private static void CopyCheckout(string from, string to)
    {
        string[] skipped = [".git", "bin", "obj", "artifacts", "tests", "benchmarks", "samples"];
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from).Where(d => !skipped.Contains(Path.GetFileName(d))))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    // The package cache is the test's own, as on a machine that never restored these packages (and so that 0.1.0 is
    // never cached elsewhere).
    private (int ExitCode, string Output) Run(string workingDirectory, string fileName, params string[] args) =>
        BuildProcess.Run(workingDirectory, Path.Combine(_directory, "packages"), TimeSpan.FromMinutes(20), fileName, args);

    [GeneratedRegex(@"<!-- first-hour:begin -->\s*```sh\n(.*?)```\s*<!-- first-hour:end -->", RegexOptions.Singleline)]
    private static partial Regex FirstHourBlock();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
