using Microsoft.Extensions.Logging;
using Octopus.Privacy;
using Shop.Models;

namespace Shop.Services;

/// <summary>Greets new customers: one log with no consent check, one with the address redacted.</summary>
public sealed class Welcome(ILogger<Welcome> logger)
{
    public void Greet(Customer customer)
    {
        // finding (OPRIV001): the address goes to the log, and nothing checked consent.
        logger.LogInformation("Welcome {Email}", customer.Email);

        // redacted: the address is redacted before it is logged.
        logger.LogInformation("Welcome mail queued for {Email}", Redaction.Redact(customer.Email));

        // Not personal: a count.
        logger.LogInformation("{Count} orders so far", customer.OrderCount);
    }
}
