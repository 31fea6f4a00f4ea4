namespace Octopus.Privacy;

/// <summary>
/// Marks a property, field, parameter or return value as personal data of a policy category,
/// such as <c>contact.email</c>. The Octopus.Privacy analyzer reports flows of marked values to logs
/// and third parties that are not guarded by a consent check.
/// </summary>
[AttributeUsage(
    AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue,
    AllowMultiple = false,
    Inherited = true)]
public sealed class PiiAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="PiiAttribute"/> class.</summary>
    /// <param name="category">The policy category of the value, for example <c>contact.email</c>.</param>
    public PiiAttribute(string category)
    {
        Category = category;
    }

    /// <summary>Gets the policy category of the marked value.</summary>
    public string Category { get; }
}
