using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy;
using Octopus.Privacy.Sample;

// Decisions of the embedded Octopus Group policy for the uses its published text speaks of.
var policy = PrivacyPolicy.OctopusGroup;
var accepted = ConsentState.None.AcceptPolicy(policy.Version);
(string[] Categories, string Purpose, string Recipient, string ConsentLabel, ConsentState Consent)[] uses =
[
    (["contact.email"], "marketing.offers", "internal", "accepted", accepted),
    (["contact.email"], "marketing.offers", "internal", "accepted, withdrew", accepted.Withdraw("marketing.offers")),
    (["contact.email"], "marketing.offers", "internal", "nothing recorded", ConsentState.None),
    (["contact.email"], "advertising.tailored", "associate", "accepted", accepted),
    (["aggregate"], "advertising.tailored", "associate", "nothing recorded", ConsentState.None),
    (["contact.email"], "marketing.offers", "processor", "accepted", accepted),
    (["contact.email"], "marketing.offers", "processor", "accepted, granted", accepted.Grant("marketing.offers")),
    (["identity.name", "contact.address"], "legal.compliance", "authority", "nothing recorded", ConsentState.None),
    (["account.credentials"], "subject.access", "subject", "accepted", accepted),
    (["billing"], "marketing.offers", "internal", "accepted", accepted),
    (["chat.message"], "service.provision", "public", "accepted", accepted),
    (["identity.name"], "service.provision", "public", "accepted", accepted),
    (["ssn"], "service.provision", "internal", "accepted", accepted),
    (["identity.name"], "product.development", "processor", "accepted", accepted),
];

Console.WriteLine($"{policy.Name}, version {policy.Version}: {policy.Categories.Count} categories, {policy.Purposes.Count} purposes, {policy.Recipients.Count} recipients, {policy.Rules.Count} rules");
Console.WriteLine();
Console.WriteLine($"{"categories",-30} {"purpose",-21} {"recipient",-10} {"consent",-18} {"decision",-8} {"reason",-18} obligations");
foreach (var use in uses)
{
    var decision = policy.Evaluate(new DataUseRequest(use.Categories, use.Purpose, use.Recipient) { Consent = use.Consent });
    Console.WriteLine(
        $"{string.Join(",", use.Categories),-30} {use.Purpose,-21} {use.Recipient,-10} {use.ConsentLabel,-18} {(decision.IsPermitted ? "permit" : "deny"),-8} {decision.Reason,-18} {string.Join(",", decision.Obligations)}");
    Console.WriteLine($"    {decision.Explanation}");
}

// The same engine through dependency injection, as a service uses it.
Console.WriteLine();
using var services = new ServiceCollection().AddOctopusPrivacy().AddSingleton<Newsletter>().BuildServiceProvider();
var newsletter = services.GetRequiredService<Newsletter>();
var customer = new Customer(7, "Ada Lovelace", "ada@example.com", accepted);
Console.WriteLine(newsletter.Offer(customer, "internal"));
Console.WriteLine(newsletter.Offer(customer, "processor"));
Console.WriteLine(newsletter.Offer(customer with { Consent = accepted.Grant("marketing.offers") }, "processor"));
