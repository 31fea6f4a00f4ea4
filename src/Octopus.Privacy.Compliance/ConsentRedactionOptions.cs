namespace Octopus.Privacy.Compliance;

/// <summary>The use a log line makes of the data it writes: the purpose and the recipient the policy decides for.</summary>
public sealed class ConsentRedactionOptions
{
    /// <summary>Gets or sets the purpose of logging; it must be one the policy defines.</summary>
    /// <value>The default is <c>service.provision</c>.</value>
    public string Purpose { get; set; } = "service.provision";

    /// <summary>Gets or sets who receives what is logged; it must be one the policy declares.</summary>
    /// <value>The default is <c>internal</c>.</value>
    public string Recipient { get; set; } = "internal";
}
