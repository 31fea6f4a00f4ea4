using System.Globalization;
using Octopus.Privacy.Policies.Evaluation;

namespace Octopus.Privacy;

/// <summary>
/// The answer of a policy to a <see cref="DataUseRequest"/>: permitted or not, why, by which rule, with which
/// obligations, and a sentence a person can read.
/// </summary>
/// <remarks>
/// <para>
/// A decision owns what it reports from the moment it is made: its categories, rule, clause, obligations and
/// explanation are immutable values, unaffected by later changes to the caller's lists, and it keeps no reference to
/// the policy that made it, so an old policy can be collected after a reload.
/// </para>
/// <para>
/// <c>default(PolicyDecision)</c> is a denial (<see cref="DecisionReason.NoApplicableRule"/>), so a decision that
/// was never made never permits anything.
/// </para>
/// </remarks>
public readonly struct PolicyDecision : IEquatable<PolicyDecision>
{
    private const string NoDecisionExplanation = "Denied: no decision was made, and what is not permitted is denied.";

    private readonly DecisionOutcome? _outcome;
    private readonly ManyCategoryPermit? _many;
    private readonly string? _unknownName;

    internal PolicyDecision(DecisionOutcome outcome)
    {
        _outcome = outcome;
    }

    internal PolicyDecision(DecisionOutcome unknown, string unknownName)
    {
        _outcome = unknown;
        _unknownName = unknownName;
    }

    internal PolicyDecision(DecisionOutcome firstPermit, ManyCategoryPermit many)
    {
        _outcome = firstPermit;
        _many = many;
    }

    /// <summary>Gets a value indicating whether the use is permitted.</summary>
    public bool IsPermitted => _outcome is { IsPermitted: true };

    /// <summary>Gets why the decision came out as it did.</summary>
    public DecisionReason Reason => _outcome?.Reason ?? DecisionReason.NoApplicableRule;

    /// <summary>
    /// Gets the id of the deciding rule: the permitting rule, the forbidding rule, or the permit rule whose consent
    /// requirement was not met; <see langword="null"/> when no rule applies or a name is unknown.
    /// </summary>
    public string? RuleId => _outcome?.RuleId;

    /// <summary>Gets the heading of the policy text the deciding rule implements, or <see langword="null"/>.</summary>
    public string? Clause => _outcome?.Clause;

    /// <summary>
    /// Gets what the caller must do when using the data (such as <c>contract-required</c> or <c>audit</c>); empty
    /// for a denial.
    /// </summary>
    public IReadOnlyList<string> Obligations => _many?.Obligations ?? _outcome?.Obligations ?? [];

    /// <summary>Gets one sentence that explains the decision to a person, citing the policy clause.</summary>
    public string Explanation => _outcome is null ? NoDecisionExplanation
        : _many is not null ? _many.Explanation
        : _unknownName is not null ? string.Format(CultureInfo.InvariantCulture, _outcome.Explanation, _unknownName)
        : _outcome.Explanation;

    /// <summary>Determines whether two decisions are equal.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(PolicyDecision left, PolicyDecision right) => left.Equals(right);

    /// <summary>Determines whether two decisions differ.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(PolicyDecision left, PolicyDecision right) => !left.Equals(right);

    /// <summary>Determines whether this decision says the same as another: permission, reason, rule and obligations.</summary>
    /// <param name="other">The other decision.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(PolicyDecision other) =>
        IsPermitted == other.IsPermitted
        && Reason == other.Reason
        && string.Equals(RuleId, other.RuleId, StringComparison.Ordinal)
        && Obligations.SequenceEqual(other.Obligations, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PolicyDecision other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsPermitted, Reason, RuleId, Obligations.Count);

    /// <inheritdoc/>
    public override string ToString() => Explanation;
}
