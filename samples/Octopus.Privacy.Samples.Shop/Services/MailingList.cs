using Microsoft.Extensions.Logging;
using Octopus.Privacy.Samples.Shop.Models;

namespace Octopus.Privacy.Samples.Shop.Services;

/// <summary>Sends offers, but only to customers who may receive them, through the mail processor.</summary>
public sealed class MailingList(IPrivacyGuard guard, IMailer mailer, ILogger<MailingList> logger)
{
    public async Task<int> SendOfferAsync(IEnumerable<Customer> customers, string offer, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var customer in customers)
        {
            var request = new DataUseRequest(["identity.name", "contact.email"], "marketing.offers", "processor") { Consent = customer.Consent };
#if LEAKY
            // The answer is only logged, and the offer goes out whatever it was.
            logger.LogDebug("Customer {Id} may receive offers: {Permitted}", customer.Id, guard.IsPermitted(request));
            await mailer.SendAsync(customer.Email, "An offer for you", $"Dear {customer.Name}, {offer}", cancellationToken); // leak 2: OPRIV002
            sent++;
#else
            if (!guard.IsPermitted(request))
            {
                continue;
            }

            await mailer.SendAsync(customer.Email, "An offer for you", $"Dear {customer.Name}, {offer}", cancellationToken);
            sent++;
#endif
        }

        logger.LogInformation("Offer sent to {Count} customers", sent);
        return sent;
    }

    public void Unsubscribe(Customer customer) => customer.Consent = customer.Consent.Withdraw("marketing.offers");
}
