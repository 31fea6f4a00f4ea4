using System.CommandLine;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

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

    /// <summary>Loads a policy file; a missing, unreadable, oversized or invalid file is a usage error with one clear line.</summary>
    public static PrivacyPolicy LoadPolicy(string path)
    {
        var bytes = CliFiles.Read(path, "policy file", PolicyLimits.MaxDocumentBytes);
        try
        {
            return PrivacyPolicy.Parse(bytes);
        }
        catch (PolicyValidationException ex)
        {
            var first = ex.Problems[0];
            var more = ex.Problems.Count > 1 ? $" (and {ex.Problems.Count - 1} more; run 'octopus-privacy validate {CliText.Printable(path)}')" : string.Empty;
            throw new CliException($"{Locate(path, first)}: invalid policy: {first.Message}{more}", ex);
        }
    }

    /// <summary><c>file(line,col)</c>, or just the file when the problem has no position.</summary>
    public static string Locate(string file, PolicyProblem problem) =>
        problem.Line > 0 ? $"{CliText.Printable(file)}({problem.Line},{problem.Column})" : CliText.Printable(file);
}
