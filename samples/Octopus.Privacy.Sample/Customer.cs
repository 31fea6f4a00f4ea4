using Octopus.Privacy;

namespace Octopus.Privacy.Sample;

/// <summary>A customer as a service stores it, with its personal fields marked for the analyzer.</summary>
public sealed record Customer(
    int Id,
    [property: Pii("identity.name")] string Name,
    [property: Pii("contact.email")] string Email,
    ConsentState Consent);
