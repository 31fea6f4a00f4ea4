namespace Octopus.Privacy.Cli.Output;

/// <summary>Short forms of a decision for tables.</summary>
internal static class DecisionText
{
    /// <summary><c>permit</c>, <c>permit (audit)</c> or <c>deny: Forbidden</c>.</summary>
    public static string Short(PolicyDecision decision) => decision.IsPermitted
        ? decision.Obligations.Count == 0 ? "permit" : $"permit ({string.Join(", ", decision.Obligations)})"
        : $"deny: {decision.Reason}";

    /// <summary>A compact label for a table cell: <c>permit</c>, <c>permit: audit</c>, <c>deny: needs opt-in</c>.</summary>
    public static string Compact(PolicyDecision decision) => decision.IsPermitted
        ? decision.Obligations.Count == 0 ? "permit" : $"permit: {string.Join(", ", decision.Obligations)}"
        : decision.Reason switch
        {
            DecisionReason.Forbidden => "deny: forbidden",
            DecisionReason.ConsentRequired => "deny: needs opt-in",
            DecisionReason.ConsentWithdrawn => "deny: withdrawn",
            DecisionReason.PolicyNotAccepted => "deny: not accepted",
            DecisionReason.NoApplicableRule => "deny: no rule",
            _ => "deny: unknown name",
        };

    /// <summary>The reason, rule and clause in one line, for a tooltip or a log.</summary>
    public static string Detail(PolicyDecision decision) => decision.Reason + Provenance(decision);

    /// <summary>The rule, clause and obligations as <c>; rule r; clause "c"; obligations: o</c>, or empty.</summary>
    public static string Provenance(PolicyDecision decision)
    {
        var text = string.Empty;
        if (decision.RuleId is { } rule)
        {
            text += $"; rule {rule}";
        }

        if (decision.Clause is { } clause)
        {
            text += $"; clause \"{clause}\"";
        }

        if (decision.Obligations.Count > 0)
        {
            text += $"; obligations: {string.Join(", ", decision.Obligations)}";
        }

        return text;
    }
}
