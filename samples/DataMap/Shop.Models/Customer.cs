using Octopus.Privacy;

namespace Shop.Models;

/// <summary>A customer of the shop.</summary>
public sealed class Customer
{
    public required string Id { get; init; }

    [Pii("identity.name")]
    public required string Name { get; init; }

    [Pii("contact.email")]
    public required string Email { get; init; }

    public int OrderCount { get; set; }
}
