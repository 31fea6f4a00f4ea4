namespace Octopus.Privacy;

/// <summary>A purpose a policy declares, such as <c>marketing.offers</c>, with the consent it needs.</summary>
public sealed class PolicyPurpose
{
    internal PolicyPurpose(string name, ConsentMode consent, string? description)
    {
        Name = name;
        Consent = consent;
        Description = description;
    }

    /// <summary>Gets the name of the purpose.</summary>
    public string Name { get; }

    /// <summary>Gets the consent a use for this purpose needs.</summary>
    public ConsentMode Consent { get; }

    /// <summary>Gets the description of the purpose, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
