namespace Octopus.Privacy;

/// <summary>A data category a policy declares, such as <c>contact.email</c>.</summary>
public sealed class PolicyCategory
{
    internal PolicyCategory(string name, bool isPersonal, bool isSecret, string? description)
    {
        Name = name;
        IsPersonal = isPersonal;
        IsSecret = isSecret;
        Description = description;
    }

    /// <summary>Gets the dotted, hierarchical name of the category.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the category is personal data. Consent requirements apply to personal categories only.</summary>
    public bool IsPersonal { get; }

    /// <summary>Gets a value indicating whether the category must never be logged or shared, whatever the consent.</summary>
    public bool IsSecret { get; }

    /// <summary>Gets the description of the category, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
