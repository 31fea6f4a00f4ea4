namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>
/// One decided outcome, built once when a cell of the decision table is first needed and shared by every
/// <see cref="PolicyDecision"/> that reports it.
/// </summary>
internal sealed class DecisionOutcome
{
    public DecisionOutcome(
        CompiledPolicy policy,
        DecisionReason reason,
        PolicyRule? rule,
        ulong obligationMask,
        IReadOnlyList<string> obligations,
        string explanation)
    {
        Policy = policy;
        Reason = reason;
        Rule = rule;
        ObligationMask = obligationMask;
        Obligations = obligations;
        Explanation = explanation;
    }

    public CompiledPolicy Policy { get; }

    public bool IsPermitted => Reason == DecisionReason.Permitted;

    public DecisionReason Reason { get; }

    public PolicyRule? Rule { get; }

    public ulong ObligationMask { get; }

    public IReadOnlyList<string> Obligations { get; }

    /// <summary>The explanation, or for the shared unknown-name outcomes a format with <c>{0}</c> for the name.</summary>
    public string Explanation { get; }

    /// <summary>The purpose, recipient and level of a permit, so that a many-category permit can be explained on demand.</summary>
    public (int Purpose, int Recipient, ConsentLevel Level) Cell { get; init; }

    public string Explain(object? subject) => subject switch
    {
        null => Explanation,
        string name => string.Format(System.Globalization.CultureInfo.InvariantCulture, Explanation, name),
        IReadOnlyList<string> categories => Policy.ExplainPermit(categories, Cell.Purpose, Cell.Recipient, Cell.Level),
        _ => Explanation,
    };
}
