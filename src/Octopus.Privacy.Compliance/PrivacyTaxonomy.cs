using Microsoft.Extensions.Compliance.Classification;

namespace Octopus.Privacy.Compliance;

/// <summary>
/// The data classification taxonomy of Octopus.Privacy: one classification per policy category, named by the category
/// (<c>Octopus.Privacy:contact.email</c>). Values classified with it are redacted by the consent-aware redaction,
/// unless the ambient person's consent and the policy permit the use.
/// </summary>
public static class PrivacyTaxonomy
{
    /// <summary>The taxonomy's name.</summary>
    public const string Name = "Octopus.Privacy";

    /// <summary>The classification of a policy category.</summary>
    /// <param name="category">The category, for example <c>contact.email</c>.</param>
    /// <returns><c>new DataClassification("Octopus.Privacy", category)</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="category"/> is null, empty or white space.</exception>
    public static DataClassification Category(string category)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        return new DataClassification(Name, category);
    }
}
