using Microsoft.Extensions.Compliance.Classification;

namespace Octopus.Privacy.Compliance;

/// <summary>
/// The base of attributes that classify a value with a policy category, for <c>[LoggerMessage]</c> parameters and
/// properties logged with redaction: <c>public sealed class EmailAttribute() : PrivacyCategoryAttribute("contact.email");</c>
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.GenericParameter, AllowMultiple = false)]
public abstract class PrivacyCategoryAttribute : DataClassificationAttribute
{
    /// <summary>Initializes a new instance of the <see cref="PrivacyCategoryAttribute"/> class.</summary>
    /// <param name="category">The policy category, for example <c>contact.email</c>.</param>
    protected PrivacyCategoryAttribute(string category)
        : base(PrivacyTaxonomy.Category(category))
    {
        Category = category;
    }

    /// <summary>Gets the policy category.</summary>
    public string Category { get; }
}
