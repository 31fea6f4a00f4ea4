using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// Precision: guarded, sanitized and non-personal flows are never reported. Each case is a shape real code has;
/// none of them may produce a diagnostic.
/// </summary>
public sealed class PrecisionTests
{
    private const string Model = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            public int Id { get; set; }
            public string Segment { get; set; } = "";
            [Pii("contact.email")] public string Email { get; set; } = "";
            [Pii("identity.name")] public string Name { get; set; } = "";
        }

        public sealed class Stats { public int Count { get; set; } public string Region { get; set; } = ""; }

        public sealed class Partner
        {
            [DataRecipient("processor")] public void Upload(object payload) { }
            [RequiresConsent] public void SendOffer(int customerId) { }
        }

        public static class Mask
        {
            [PiiSanitizer] public static string Hash(string value) => value.Length.ToString();
        }

        """;

    public static TheoryData<string> CleanBodies() => new()
    {
        // Non-personal members, constants and counts.
        """logger.LogInformation("{Id} {Segment}", c.Id, c.Segment);""",
        """logger.LogInformation("Processed {Count} customers", customers.Count);""",
        """Console.WriteLine($"customer {c.Id} in {c.Segment}");""",
        """partner.Upload(new Stats { Count = 3, Region = "EU" });""",
        // Comparisons of personal data give no personal data.
        """logger.LogInformation("Has mail: {HasMail}", c.Email.Length > 0 && c.Email != "none");""",
        // Sanitized values, directly and through locals.
        """var hashed = Mask.Hash(c.Email); logger.LogInformation("{Hash}", hashed);""",
        """logger.LogInformation("{Name}", Redaction.Redact(c.Name));""",
        """logger.LogInformation("{Who}", Redaction.Redact((object)c));""",
        // Guards of every shape.
        """if (guard.IsPermitted(r)) { logger.LogInformation("{E}", c.Email); }""",
        """if (!guard.IsPermitted(r)) { return; } partner.Upload(c.Email);""",
        """if (guard.IsPermitted(r) == false) { throw new InvalidOperationException(); } logger.LogInformation("{E}", c.Email);""",
        """var ok = guard.IsPermitted(r); if (!ok) return; logger.LogInformation("{E}", c.Email);""",
        """var d = guard.Check(r); if (!d.IsPermitted) return; logger.LogInformation("{E}", c.Email);""",
        """if (guard.IsPermitted(r) && c.Id > 0 && c.Segment != "") logger.LogInformation("{E}", c.Email);""",
        """if (c.Id < 0 || !guard.IsPermitted(r)) return; logger.LogInformation("{E}", c.Email);""",
        """logger.LogInformation("{E}", guard.IsPermitted(r) ? c.Email : "(hidden)");""",
        """guard.Demand(r); partner.Upload(c); partner.SendOffer(c.Id);""",
        """guard.Demand(r); foreach (var x in customers) { logger.LogInformation("{E}", x.Email); }""",
        """guard.Demand(r); for (var i = 0; i < 3; i++) { logger.LogInformation("{E}", c.Email + i); }""",
        """try { guard.Demand(r); logger.LogInformation("{E}", c.Email); } catch (PrivacyPolicyViolationException) { logger.LogWarning("denied for {Id}", c.Id); }""",
        """if (guard.IsPermitted(r)) { Task.Run(() => logger.LogInformation("{E}", c.Email)); }""",
        // Personal data that goes nowhere.
        """var copy = c.Email; var upper = copy.ToUpperInvariant(); _ = upper;""",
        """var list = new List<string> { c.Email }; logger.LogInformation("{Count}", list.Count);""",
        // A personal value overwritten before it is logged.
        """var text = c.Email; text = "nothing personal"; logger.LogInformation(text);""",
    };

    [Theory]
    [MemberData(nameof(CleanBodies))]
    public Task A_guarded_sanitized_or_non_personal_flow_is_not_reported(string body) =>
        V.AnalyzerAsync(Model + $$"""
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard, Partner partner)
            {
                public void Run(Customer c, List<Customer> customers, DataUseRequest r)
                {
                    {{body}}
                }
            }
            """);

    [Fact]
    public Task A_requires_consent_method_may_pass_personal_data_on() =>
        V.AnalyzerAsync(Model + """
            public sealed class Mailer(HttpClient http, ILogger<Mailer> logger)
            {
                [RequiresConsent]
                public async Task SendAsync(Customer c)
                {
                    logger.LogInformation("Mail {E}", c.Email);
                    await http.PostAsJsonAsync("https://mail.example/", new { c.Email, c.Name });
                }
            }
            """);

    [Fact]
    public Task A_consent_check_implementation_is_not_a_leak_by_itself() =>
        V.AnalyzerAsync(Model + """
            public sealed class Consent(IPrivacyGuard guard)
            {
                [ConsentCheck]
                public bool MayMail(Customer c) => guard.IsPermitted(new DataUseRequest(["contact.email"], "marketing.offers", "internal") { Consent = ConsentState.None });
            }
            """);
}
