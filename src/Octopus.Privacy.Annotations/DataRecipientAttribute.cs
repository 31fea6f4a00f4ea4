namespace Octopus.Privacy;

/// <summary>
/// Marks a method, or a parameter, whose values leave the service for a policy recipient,
/// such as <c>processor</c>. Personal data passed to it must have been cleared by a consent check.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class DataRecipientAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="DataRecipientAttribute"/> class.</summary>
    /// <param name="recipient">The policy recipient the values go to, for example <c>processor</c>.</param>
    public DataRecipientAttribute(string recipient)
    {
        Recipient = recipient;
    }

    /// <summary>Gets the policy recipient the values go to.</summary>
    public string Recipient { get; }
}
