using System.CommandLine;
using System.Text.Json;
using Octopus.Privacy.Cli.Matrix;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Commands;

/// <summary><c>diff</c>: what a new policy version changes. Exit 0 when nothing broadened, 1 when something did.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("OLD NEW")
        {
            Description = "The old and the new policy file. With only NEW, the old policy is the --policy file or the embedded default.",
            Arity = new ArgumentArity(1, 2),
        };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff", "List every request class (category, purpose, recipient, consent situation) whose decision changes between two policies, grouped as broadened (a material change) and narrowed, with the vocabulary added and removed. Exit code 1 when anything broadened.")
        {
            files, format,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files) ?? [];
            var oldPolicy = paths.Length == 2 ? CliContext.LoadPolicy(paths[0]) : context.PolicyFrom(parse);
            var newPolicy = CliContext.LoadPolicy(paths[^1]);
            var diff = PolicyDiff.Compare(oldPolicy, newPolicy);
            if (parse.GetValue(format) == "json")
            {
                context.Output.WriteLine(JsonSerializer.Serialize(diff.ToResult(), CliJsonContext.Writer.DiffResult));
            }
            else
            {
                WriteText(diff, context.Output);
            }

            return diff.IsMaterial ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(PolicyDiff diff, TextWriter output)
    {
        output.WriteLine($"{CliText.Printable(diff.Old.Name)} {CliText.Printable(diff.Old.Version)} -> {CliText.Printable(diff.New.Name)} {CliText.Printable(diff.New.Version)}");
        output.WriteLine();
        WriteVocabulary(output, "Vocabulary added:  ", diff.Added);
        WriteVocabulary(output, "Vocabulary removed:", diff.Removed);
        WriteChanges(output, "Broadened (deny -> permit, or an obligation dropped)", diff.Broadened);
        WriteChanges(output, "Narrowed (permit -> deny, or obligations added)", diff.Narrowed);
        if (diff.RevivedVersions.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Acceptances revived: {string.Join(", ", diff.RevivedVersions)} (people who accepted only these versions count as accepting again)");
        }

        output.WriteLine();
        output.WriteLine(CliText.Printable(diff.Verdict));
    }

    private static void WriteVocabulary(TextWriter output, string heading, Vocabulary vocabulary)
    {
        static string List(IReadOnlyList<string> names) => names.Count == 0 ? "-" : string.Join(", ", names);
        output.WriteLine($"{heading} categories: {List(vocabulary.Categories)}; purposes: {List(vocabulary.Purposes)}; recipients: {List(vocabulary.Recipients)}");
    }

    private static void WriteChanges(TextWriter output, string heading, IReadOnlyList<(RequestClass Class, PolicyDecision Before, PolicyDecision After)> changes)
    {
        output.WriteLine();
        output.WriteLine($"{heading}: {changes.Count}");
        foreach (var (requestClass, before, after) in changes)
        {
            var rule = after.RuleId is { } id ? $" [rule {id}]" : string.Empty;
            output.WriteLine($"  {requestClass}: {DecisionText.Short(before)} -> {DecisionText.Short(after)}{rule}");
        }
    }
}
