namespace Octopus.Privacy;

/// <summary>
/// A recipient the subject's data was disclosed to, from the decision log: whom to notify of a rectification or an
/// erasure (GDPR Article 19), and what they received.
/// </summary>
/// <param name="Recipient">The recipient, as the policy names it.</param>
/// <param name="Categories">The data categories disclosed to it, in name order.</param>
/// <param name="Purposes">The purposes they were disclosed for, in name order.</param>
/// <param name="FirstDisclosedAt">When the first disclosure was decided.</param>
/// <param name="LastDisclosedAt">When the last disclosure was decided.</param>
public sealed record DisclosureRecipient(
    string Recipient,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Purposes,
    DateTimeOffset FirstDisclosedAt,
    DateTimeOffset LastDisclosedAt);
