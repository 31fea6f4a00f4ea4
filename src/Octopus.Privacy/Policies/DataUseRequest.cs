namespace Octopus.Privacy;

/// <summary>
/// A question for the policy: may these data categories be used for this purpose and go to this recipient,
/// given this person's consent?
/// </summary>
/// <param name="Categories">The data categories involved, for example <c>contact.email</c>; at least one.</param>
/// <param name="Purpose">The purpose of the use, for example <c>marketing.offers</c>.</param>
/// <param name="Recipient">Who receives the data, for example <c>internal</c> or <c>processor</c>.</param>
public sealed record DataUseRequest(IReadOnlyList<string> Categories, string Purpose, string Recipient)
{
    /// <summary>Gets what the person has agreed to.</summary>
    /// <value>The default is <see cref="ConsentState.None"/>: nothing recorded.</value>
    public ConsentState Consent { get; init; } = ConsentState.None;
}
