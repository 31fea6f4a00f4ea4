using Microsoft.Extensions.Compliance.Classification;

namespace Octopus.Privacy.Samples.Accounts.Logging;

/// <summary>The sample's data classifications.</summary>
public static class SampleTaxonomy
{
    /// <summary>Private data: redacted wherever the compliance pipeline logs it.</summary>
    public static DataClassification PrivateData { get; } = new("Octopus.Privacy.Samples", "PrivateData");
}

/// <summary>Marks a member or parameter as <see cref="SampleTaxonomy.PrivateData"/>.</summary>
public sealed class PrivateDataAttribute : DataClassificationAttribute
{
    public PrivateDataAttribute()
        : base(SampleTaxonomy.PrivateData)
    {
    }
}
