namespace Octopus.Privacy.Policies.Validation;

/// <summary>
/// A validated policy document: its vocabulary and rules as the public model exposes them, and each rule's selectors
/// already resolved to indices, so that compilation looks up no name again.
/// </summary>
internal sealed record PolicyDefinition(
    string Name,
    string Version,
    string? Description,
    IReadOnlyList<string> AcceptedVersions,
    IReadOnlyList<PolicyCategory> Categories,
    IReadOnlyList<PolicyPurpose> Purposes,
    IReadOnlyList<PolicyRecipient> Recipients,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<ResolvedRule> ResolvedRules,
    IReadOnlyList<string> ObligationNames);

/// <summary>
/// One rule with its selectors as indices into the definition's vocabulary.
/// </summary>
/// <param name="Categories">The categories the rule applies to, after its <c>personal</c> filter, in declaration order.</param>
/// <param name="Purposes">The purposes it matches, or <see langword="null"/> for all.</param>
/// <param name="Recipients">The recipients it matches, or <see langword="null"/> for all.</param>
/// <param name="ObligationMask">Bit <c>i</c> set for each obligation <c>ObligationNames[i]</c> the rule carries.</param>
internal sealed record ResolvedRule(int[] Categories, int[]? Purposes, int[]? Recipients, ulong ObligationMask);
