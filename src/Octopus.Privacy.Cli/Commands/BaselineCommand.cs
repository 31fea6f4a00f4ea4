using System.CommandLine;
using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Cli.Baseline;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Commands;

/// <summary>
/// <c>baseline create</c>: accept the findings of a build (from its SARIF log) so that the build fails only on new ones;
/// <c>baseline check</c>: list the baseline's stale entries and the build's new findings.
/// </summary>
internal static class BaselineCommand
{
    public const string DefaultFile = "octopus-privacy.baseline.json";

    public static Command Create(CliContext context)
    {
        return new Command("baseline", "Accept the analyzer's findings of an existing code base, so that a build fails only on new ones.")
        {
            CreateCommand(context),
            CheckCommand(context),
        };
    }

    private static Argument<string[]> SarifArgument() => new("SARIF")
    {
        Description = "SARIF logs of a build: dotnet build -p:ErrorLog=build.sarif%2Cversion=2.1 (one per project).",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Command CreateCommand(CliContext context)
    {
        var logs = SarifArgument();
        var output = new Option<string>("--output", "-o") { Description = $"The baseline file to write (default: {DefaultFile}).", HelpName = "FILE", DefaultValueFactory = _ => DefaultFile };
        var command = new Command("create", "Write a baseline of every Octopus.Privacy finding in the SARIF logs, including those an earlier baseline suppressed. Run it again after fixing findings: the baseline shrinks.")
        {
            logs,
            output,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            CliFiles.CheckOutput(path, "baseline file");
            var findings = ReadAll(parse.GetValue(logs)!);
            var previous = File.Exists(path) ? BaselineDocument.Read(path).Select(e => e.Key).ToHashSet() : [];
            var entries = findings.Select(f => f.Entry).ToList();
            BaselineDocument.Write(path, entries);
            var keys = entries.Select(e => e.Key).ToHashSet();
            var change = previous.Count == 0 ? string.Empty : $" ({keys.Count(k => !previous.Contains(k))} added, {previous.Count(k => !keys.Contains(k))} removed)";
            context.Output.WriteLine($"{CliText.Printable(path)}: {keys.Count} accepted findings{change}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CheckCommand(CliContext context)
    {
        var logs = SarifArgument();
        var baseline = new Option<string>("--baseline") { Description = $"The baseline file (default: {DefaultFile}).", HelpName = "FILE", DefaultValueFactory = _ => DefaultFile };
        var command = new Command("check", "Compare a baseline with a build's SARIF logs: stale entries (findings that no longer exist: remove them with 'baseline create') and new findings. Exit code 1 when there is either.")
        {
            logs,
            baseline,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(baseline)!;
            var entries = BaselineDocument.Read(path);
            var findings = ReadAll(parse.GetValue(logs)!);
            var found = findings.Select(f => f.Entry.Key).ToHashSet();
            var accepted = entries.Select(e => e.Key).ToHashSet();
            var stale = entries.Where(e => !found.Contains(e.Key)).ToList();
            var fresh = findings.Where(f => !f.Suppressed && !accepted.Contains(f.Entry.Key)).Select(f => f.Entry).DistinctBy(e => (e.Key, e.File, e.Line)).ToList();
            foreach (var entry in stale)
            {
                context.Output.WriteLine(CliText.Printable($"stale: {entry}"));
            }

            foreach (var entry in fresh)
            {
                var place = entry.File is null ? string.Empty : $"{entry.File}{(entry.Line is { } line ? $"({line})" : string.Empty)}: ";
                context.Output.WriteLine(CliText.Printable($"new: {place}{entry.Rule} in {entry.Member}: {entry.Source} to {entry.Sink}"));
            }

            context.Output.WriteLine($"{CliText.Printable(path)}: {entries.Count} accepted, {entries.Count - stale.Count} still found, {stale.Count} stale; {fresh.Count} new findings.");
            return stale.Count == 0 && fresh.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static List<SarifFinding> ReadAll(string[] logs) => logs.SelectMany(SarifFindings.Read).ToList();
}
