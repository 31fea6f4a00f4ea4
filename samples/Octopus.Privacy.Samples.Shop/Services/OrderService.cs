using Microsoft.Extensions.Logging;
using Octopus.Privacy.Samples.Shop.Models;

namespace Octopus.Privacy.Samples.Shop.Services;

/// <summary>Takes orders; logs what operations need, and nothing personal.</summary>
public sealed class OrderService(ILogger<OrderService> logger)
{
    private readonly List<Order> _orders = [];

    public Order Place(Customer customer, decimal total)
    {
        var order = new Order { Number = _orders.Count + 1, CustomerId = customer.Id, ShippingAddress = customer.Address, Total = total };
        _orders.Add(order);
#if LEAKY
        logger.LogInformation("Order {Number} ships to {Address}", order.Number, order.ShippingAddress); // leak 1: OPRIV001
#else
        logger.LogInformation("Order {Number} placed by customer {CustomerId}", order.Number, order.CustomerId);
#endif
        return order;
    }

    public IEnumerable<SalesSummary> Summaries(string region) =>
        [new SalesSummary(region, _orders.Count, _orders.Sum(o => o.Total))];
}
