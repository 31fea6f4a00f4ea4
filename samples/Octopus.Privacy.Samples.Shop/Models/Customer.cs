using Octopus.Privacy;

namespace Octopus.Privacy.Samples.Shop.Models;

/// <summary>A customer as the shop stores it; the personal fields carry their policy categories.</summary>
public sealed class Customer
{
    public int Id { get; init; }

    [Pii("identity.name")]
    public string Name { get; init; } = "";

    [Pii("contact.email")]
    public string Email { get; init; } = "";

    [Pii("contact.address")]
    public string Address { get; init; } = "";

    [Pii("account.credentials")]
    public string PasswordHash { get; init; } = "";

    public ConsentState Consent { get; set; } = ConsentState.None;
}
