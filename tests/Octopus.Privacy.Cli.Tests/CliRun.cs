using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Octopus.Privacy.Cli.Tests;

/// <summary>Runs the tool in-process or as a real process, and makes policy files to run it on.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("octopus-privacy-cli-").FullName;

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    public string Directory => _directory;

    public static Result InProcess(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApplication.Run(args, output, error);
        return new Result(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built tool as <c>dotnet Octopus.Privacy.Cli.dll ...</c>, as a user's shell would.</summary>
    public static Result AsProcess(params string[] args) => AsProcess(new Dictionary<string, string>(), args);

    /// <summary>Runs the built tool as a process with these environment variables set.</summary>
    public static Result AsProcess(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Octopus.Privacy.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the tool did not exit");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The default policy with one more rule, written to a file.</summary>
    public string DefaultPolicyWith(string name, string ruleJson, string? version = null)
    {
        var document = JsonNode.Parse(PrivacyPolicy.OctopusGroup.ToJson())!.AsObject();
        document["rules"]!.AsArray().Add(JsonNode.Parse(ruleJson));
        if (version is not null)
        {
            document["version"] = version;
            document["acceptedVersions"] = new JsonArray(version);
        }

        return Write(name, document.ToJsonString());
    }

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);
}
