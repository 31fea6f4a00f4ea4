using System.Text.Json.Serialization;
using Octopus.Privacy.Policies.Validation;

namespace Octopus.Privacy.Policies.Serialization;

/// <summary>The shape of a policy document, for writing it through the source-generated context.</summary>
internal sealed class PolicyDocument
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<string> AcceptedVersions { get; init; }

    public required Dictionary<string, CategoryDocument> Categories { get; init; }

    public required Dictionary<string, PurposeDocument> Purposes { get; init; }

    public required Dictionary<string, RecipientDocument> Recipients { get; init; }

    public required List<RuleDocument> Rules { get; init; }

    public static PolicyDocument From(PrivacyPolicy policy) => new()
    {
        Name = policy.Name,
        Version = policy.Version,
        Description = policy.Description,
        AcceptedVersions = policy.AcceptedVersions,
        Categories = policy.Categories.ToDictionary(
            c => c.Name,
            c => new CategoryDocument { Personal = c.IsPersonal, Secret = c.IsSecret ? true : null, Description = c.Description },
            StringComparer.Ordinal),
        Purposes = policy.Purposes.ToDictionary(
            p => p.Name,
            p => new PurposeDocument { Consent = PolicyNames.Format(p.Consent), Description = p.Description },
            StringComparer.Ordinal),
        Recipients = policy.Recipients.ToDictionary(
            r => r.Name,
            r => new RecipientDocument { Description = r.Description },
            StringComparer.Ordinal),
        Rules = policy.Rules.Select(r => new RuleDocument
        {
            Id = r.Id,
            Effect = PolicyNames.Format(r.Effect),
            Categories = r.Categories,
            Purposes = r.Purposes,
            Recipients = r.Recipients,
            Personal = r.Personal,
            Consent = r.Consent is { } consent ? PolicyNames.Format(consent) : null,
            Obligations = r.Obligations.Count == 0 ? null : r.Obligations,
            Clause = r.Clause,
            Description = r.Description,
        }).ToList(),
    };
}

internal sealed class CategoryDocument
{
    public bool Personal { get; init; }

    public bool? Secret { get; init; }

    public string? Description { get; init; }
}

internal sealed class PurposeDocument
{
    public required string Consent { get; init; }

    public string? Description { get; init; }
}

internal sealed class RecipientDocument
{
    public string? Description { get; init; }
}

internal sealed class RuleDocument
{
    public required string Id { get; init; }

    public required string Effect { get; init; }

    public IReadOnlyList<string>? Categories { get; init; }

    public IReadOnlyList<string>? Purposes { get; init; }

    public IReadOnlyList<string>? Recipients { get; init; }

    public bool? Personal { get; init; }

    public string? Consent { get; init; }

    public IReadOnlyList<string>? Obligations { get; init; }

    public string? Clause { get; init; }

    public string? Description { get; init; }
}

/// <summary>The source-generated serializer for policy documents: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PolicyDocument))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext
{
}
