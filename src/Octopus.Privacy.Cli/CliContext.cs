using System.CommandLine;

namespace Octopus.Privacy.Cli;

/// <summary>What every command shares: where to write, and the <c>--policy</c> option.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public Option<string?> PolicyOption { get; } = new("--policy")
    {
        Description = "The policy file to use. Without it, the embedded Octopus Group policy.",
        HelpName = "FILE",
        Recursive = true,
    };

    /// <summary>The policy named by <c>--policy</c>, or the embedded default.</summary>
    public PrivacyPolicy PolicyFrom(ParseResult parse) =>
        parse.GetValue(PolicyOption) is { } path ? LoadPolicy(path) : PrivacyPolicy.OctopusGroup;

    /// <summary>Loads a policy file; a missing or invalid file is a usage error with one clear line.</summary>
    public static PrivacyPolicy LoadPolicy(string path)
    {
        CheckFile(path, "policy file");

        try
        {
            return PrivacyPolicy.Load(path);
        }
        catch (PolicyValidationException ex)
        {
            var first = ex.Problems[0];
            var more = ex.Problems.Count > 1 ? $" (and {ex.Problems.Count - 1} more; run 'octopus-privacy validate {path}')" : string.Empty;
            throw new CliException($"{Locate(path, first)}: invalid policy: {first.Message}{more}", ex);
        }
    }

    /// <summary>
    /// Checks that a file argument names a file: an unknown option (<c>--bogus</c>, which the parser takes for a file
    /// name), a directory and a missing file each get their own one-line message.
    /// </summary>
    public static void CheckFile(string path, string kind)
    {
        if (File.Exists(path))
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"{kind} '{path}' is a directory, not a file.");
        }

        if (path.StartsWith('-'))
        {
            throw new CliException($"Unrecognized option '{path}'. Run '{CliApplication.Name} --help' for usage.");
        }

        throw new CliException($"{kind} '{path}' does not exist.");
    }

    /// <summary><c>file(line,col)</c>, or just the file when the problem has no position.</summary>
    public static string Locate(string file, PolicyProblem problem) =>
        problem.Line > 0 ? $"{file}({problem.Line},{problem.Column})" : file;
}
