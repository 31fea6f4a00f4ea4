namespace Octopus.Privacy.Cli.Baseline;

/// <summary>
/// One accepted finding: its fingerprint (rule, containing member, sink, source), which the analyzer matches, and
/// where it was when the baseline was written, for people reading the file.
/// </summary>
internal sealed record BaselineEntry(string Rule, string Member, string Sink, string Source, string? File, int? Line)
{
    /// <summary>The fingerprint alone: what the analyzer compares.</summary>
    public (string Rule, string Member, string Sink, string Source) Key => (Rule, Member, Sink, Source);

    public override string ToString() =>
        Output.CliText.Printable($"{Rule} in {Member}: {Source} to {Sink}" + (File is null ? string.Empty : $" (was at {File}{(Line is { } line ? $":{line}" : string.Empty)})"));
}
