using Octopus.Privacy.Samples.Accounts.Identity;
using RestSharp;

namespace Octopus.Privacy.Samples.Accounts.Crm;

/// <summary>A CRM (a processor) reached over HTTP with RestSharp.</summary>
public sealed class CrmClient(RestClient client)
{
    /// <summary>Pushes the person's contact to the CRM. Callers check consent first: the analyzer holds them to it.</summary>
    [RequiresConsent]
    public async Task PushContactAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        var request = new RestRequest("contacts", Method.Post).AddJsonBody(new { user.Email, user.DisplayName });
        await client.ExecuteAsync(request, cancellationToken);
    }

    /// <summary>How many accounts signed up today: aggregate data, which needs no consent.</summary>
    public async Task ReportSignUpsAsync(int count, CancellationToken cancellationToken = default)
    {
        var request = new RestRequest("metrics/sign-ups", Method.Post).AddJsonBody(new { count });
        await client.ExecuteAsync(request, cancellationToken);
    }
}
