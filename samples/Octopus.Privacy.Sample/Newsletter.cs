using Octopus.Privacy;

namespace Octopus.Privacy.Sample;

/// <summary>Sends offers by e-mail, asking the policy first.</summary>
public sealed class Newsletter(IPrivacyGuard guard)
{
    /// <summary>Returns what would be sent, or why nothing is sent.</summary>
    public string Offer(Customer customer, string recipient)
    {
        var decision = guard.Check(new DataUseRequest(["contact.email"], "marketing.offers", recipient) { Consent = customer.Consent });
        return decision.IsPermitted
            ? $"send offer to customer {customer.Id} via {recipient}" + (decision.Obligations.Count > 0 ? $" (obligations: {string.Join(", ", decision.Obligations)})" : string.Empty)
            : $"no offer for customer {customer.Id} via {recipient}: {decision.Reason}";
    }
}
