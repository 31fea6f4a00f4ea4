using System.Net.Http.Json;
using Octopus.Privacy.Samples.Shop.Models;

namespace Octopus.Privacy.Samples.Shop.Services;

/// <summary>Reports to an advertising partner: associates receive aggregate data only.</summary>
public sealed class AdvertisingPartnerClient(HttpClient http)
{
    public async Task ReportAsync(IEnumerable<SalesSummary> summaries, IEnumerable<Customer> customers, CancellationToken cancellationToken)
    {
#if LEAKY
        var audience = new List<string>();
        foreach (var customer in customers)
        {
            audience.Add(customer.Email);
        }

        await http.PostAsJsonAsync("https://ads.partner.example/audience", audience, cancellationToken); // leak 3: OPRIV002
#else
        _ = customers;
#endif
        await http.PostAsJsonAsync("https://ads.partner.example/sales", summaries, cancellationToken);
    }
}
