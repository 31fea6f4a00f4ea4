namespace Octopus.Privacy;

/// <summary>
/// One decision of the guard about a subject's data, as the decision log keeps it: who would receive which categories,
/// for which purpose, when, and by which rule of which policy, decided on which version of the subject's consent. It
/// holds no personal value: names from the policy, the subject's opaque id, and numbers.
/// </summary>
/// <param name="DecidedAt">When the guard decided, from the guard's clock.</param>
/// <param name="SubjectId">The subject the data is about, as the consent ledger knows it.</param>
/// <param name="Categories">The data categories of the use, in the order asked.</param>
/// <param name="Purpose">The purpose of the use.</param>
/// <param name="Recipient">Who receives the data.</param>
/// <param name="IsPermitted">Whether the use was permitted; denials are kept only when the log is set to keep them.</param>
/// <param name="Reason">Why the decision came out as it did.</param>
/// <param name="PolicyName">The name of the policy that decided.</param>
/// <param name="PolicyVersion">The version of the policy that decided.</param>
/// <param name="RuleId">The deciding rule, or <see langword="null"/> when none applied.</param>
/// <param name="Clause">The heading of the policy text the rule implements, or <see langword="null"/>.</param>
/// <param name="LedgerVersion">The version of the subject's consent the decision used (0: nothing recorded).</param>
public sealed record DecisionLogEntry(
    DateTimeOffset DecidedAt,
    string SubjectId,
    IReadOnlyList<string> Categories,
    string Purpose,
    string Recipient,
    bool IsPermitted,
    DecisionReason Reason,
    string PolicyName,
    string PolicyVersion,
    string? RuleId,
    string? Clause,
    long LedgerVersion);
