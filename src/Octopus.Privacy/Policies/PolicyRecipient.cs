namespace Octopus.Privacy;

/// <summary>A party data may go to, such as <c>internal</c> or <c>processor</c>.</summary>
public sealed class PolicyRecipient
{
    internal PolicyRecipient(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>Gets the name of the recipient.</summary>
    public string Name { get; }

    /// <summary>Gets the description of the recipient, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
