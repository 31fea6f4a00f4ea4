namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>
/// One decided outcome, built once when a cell of the decision table is first needed and shared by every
/// <see cref="PolicyDecision"/> that reports it. It holds only immutable values (names, texts, a read-only obligation
/// list), never a reference to the policy, so a decision keeps nothing of an old policy alive after a reload.
/// </summary>
internal sealed class DecisionOutcome
{
    public DecisionOutcome(DecisionReason reason, PolicyRule? rule, ulong obligationMask, IReadOnlyList<string> obligations, string explanation)
    {
        Reason = reason;
        RuleId = rule?.Id;
        Clause = rule?.Clause;
        Citation = DecisionExplanations.Cite(rule);
        ObligationMask = obligationMask;
        Obligations = obligations;
        Explanation = explanation;
    }

    public bool IsPermitted => Reason == DecisionReason.Permitted;

    public DecisionReason Reason { get; }

    public string? RuleId { get; }

    public string? Clause { get; }

    /// <summary>Gets how an explanation names the deciding rule, such as <c>rule 'x' (clause "y")</c>.</summary>
    public string Citation { get; }

    public ulong ObligationMask { get; }

    public IReadOnlyList<string> Obligations { get; }

    /// <summary>Gets the explanation, or for the shared unknown-name outcomes a format with <c>{0}</c> for the name.</summary>
    public string Explanation { get; }

    /// <summary>Gets the purpose and recipient names of a permit, for explaining a permit of several categories.</summary>
    public (string Purpose, string Recipient) Use { get; init; }
}
