namespace Octopus.Privacy.Policies.Parsing;

/// <summary>A validated policy document, before compilation.</summary>
internal sealed record PolicyDefinition(
    string Name,
    string Version,
    string? Description,
    IReadOnlyList<string> AcceptedVersions,
    IReadOnlyList<PolicyCategory> Categories,
    IReadOnlyList<PolicyPurpose> Purposes,
    IReadOnlyList<PolicyRecipient> Recipients,
    IReadOnlyList<PolicyRule> Rules);
