using Octopus.Privacy;

namespace Octopus.Privacy.Samples.Shop.Models;

public sealed class Order
{
    public int Number { get; init; }

    public int CustomerId { get; init; }

    [Pii("shipment.address")]
    public string ShippingAddress { get; init; } = "";

    public decimal Total { get; init; }
}
