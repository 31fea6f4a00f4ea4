using System.Net.Http.Json;
using Octopus.Privacy;
using Shop.Models;

namespace Shop.Services;

/// <summary>Sends offers through the mail processor, and shares addresses with an advertising associate.</summary>
public sealed class Offers(IPrivacyGuard guard, HttpClient http)
{
    public async Task SendOfferAsync(Customer customer, CancellationToken cancellationToken)
    {
        // guarded: the person agreed to marketing offers, which the policy lets the mail processor carry out.
        if (await guard.IsPermittedAsync(customer.Id, ["contact.email"], "marketing.offers", "processor", cancellationToken))
        {
            Deliver(customer.Email);
        }
    }

    public async Task ShareWithPartnerAsync(Customer customer, CancellationToken cancellationToken)
    {
        // policy-conflict: a check is made, but for tailored advertising the policy gives associates aggregate data
        // only, never an e-mail address, whatever the person agreed to.
        if (await guard.IsPermittedAsync(customer.Id, ["contact.email"], "advertising.tailored", "associate", cancellationToken))
        {
            Share(customer.Email);
        }
    }

    public async Task SyncAsync(Customer customer, CancellationToken cancellationToken)
    {
        // finding (OPRIV002): the whole customer goes to an HTTP endpoint with no consent check.
        using var response = await http.PostAsJsonAsync("https://crm.example/customers", customer, cancellationToken);
    }

    [DataRecipient("processor")]
    private static void Deliver(string address) => Console.Out.Flush();

    [DataRecipient("associate")]
    private static void Share(string address) => Console.Out.Flush();
}
