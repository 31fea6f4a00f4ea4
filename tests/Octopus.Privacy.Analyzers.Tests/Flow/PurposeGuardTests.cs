using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// With the project's own policy, a consent check guards a use only when the purpose it asks about is one the policy
/// links to the use's categories and recipient; without one, any check guards (the purpose cannot be judged).
/// </summary>
public sealed class PurposeGuardTests
{
    private const string Policy = """
        {
          "name": "Shop",
          "version": "1",
          "categories": { "contact.email": { "personal": true }, "aggregate": { "personal": false } },
          "purposes": { "service.provision": { "consent": "none" }, "marketing.offers": { "consent": "opt-in" } },
          "recipients": { "internal": {}, "processor": {} },
          "rules": [
            { "id": "serve", "effect": "permit", "purposes": [ "service.provision" ], "recipients": [ "internal" ] },
            { "id": "offers-by-processor", "effect": "permit", "categories": [ "contact" ], "purposes": [ "marketing.offers" ], "recipients": [ "processor" ] }
          ]
        }
        """;

    private const string Code = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            public string Id { get; set; } = "";
            [Pii("contact.email")] public string Email { get; set; } = "";
        }

        public sealed class Partner
        {
            [DataRecipient("processor")] public void Upload(string payload) { }
        }

        public sealed class Offers(ILogger<Offers> logger, IPrivacyGuard guard, Partner partner)
        {
            public async Task Run(Customer c)
            {
                if (guard.IsPermitted(new DataUseRequest(["contact.email"], "marketing.offers", "processor")))
                {
                    partner.Upload(c.Email);
                    LOGGED_UNDER_MARKETING
                }

                var serve = new DataUseRequest(["contact.email"], "service.provision", "internal");
                if (guard.IsPermitted(serve))
                {
                    logger.LogInformation("Serving {Email}", c.Email);
                }

                if (await guard.IsPermittedAsync(c.Id, ["contact.email"], "service.provision", "internal"))
                {
                    UPLOADED_UNDER_SERVICE
                }

                guard.Demand(new DataUseRequest(["contact.email"], "marketing.offers", "processor"));
                partner.Upload(c.Email);
                LOGGED_AFTER_DEMAND
                if (guard.IsPermitted(serve))
                {
                    // Two checks on this path: the second one's purpose links the log.
                    logger.LogInformation("Served after the offer {Email}", c.Email);
                }
            }
        }
        """;

    [Fact]
    public Task With_the_projects_policy_a_check_for_an_unrelated_purpose_is_not_a_guard() =>
        V.AnalyzerAsync(
            Code.Replace("LOGGED_UNDER_MARKETING", """{|#0:logger.LogInformation("Offer for {Email}", c.Email)|};""", StringComparison.Ordinal)
                .Replace("UPLOADED_UNDER_SERVICE", "{|#1:partner.Upload(c.Email)|};", StringComparison.Ordinal)
                .Replace("LOGGED_AFTER_DEMAND", """{|#2:logger.LogInformation("Offered to {Email}", c.Email)|};""", StringComparison.Ordinal),
            [("/shop.privacy.json", Policy)],
            editorConfig: null,
            V.Diagnostic("OPRIV001").WithLocation(0).WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            V.Diagnostic("OPRIV002").WithLocation(1).WithArguments("Customer.Email (contact.email)", "recipient 'processor'", "Partner.Upload").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            V.Diagnostic("OPRIV001").WithLocation(2).WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task Without_a_policy_of_the_projects_own_any_consent_check_guards() =>
        V.AnalyzerAsync(
            Code.Replace("LOGGED_UNDER_MARKETING", """logger.LogInformation("Offer for {Email}", c.Email);""", StringComparison.Ordinal)
                .Replace("UPLOADED_UNDER_SERVICE", "partner.Upload(c.Email);", StringComparison.Ordinal)
                .Replace("LOGGED_AFTER_DEMAND", """logger.LogInformation("Offered to {Email}", c.Email);""", StringComparison.Ordinal),
            [],
            editorConfig: null);

    [Fact]
    public Task A_callers_check_guards_a_private_method_only_for_the_uses_its_purpose_covers() =>
        V.AnalyzerAsync(
            """
            using Microsoft.Extensions.Logging;
            using Octopus.Privacy;

            public sealed class Customer
            {
                [Pii("contact.email")] public string Email { get; set; } = "";
            }

            public sealed class Partner
            {
                [DataRecipient("processor")] public void Upload(string payload) { }
            }

            public sealed class Offers(ILogger<Offers> logger, IPrivacyGuard guard, Partner partner)
            {
                public void Run(Customer c)
                {
                    if (guard.IsPermitted(new DataUseRequest(["contact.email"], "marketing.offers", "processor")))
                    {
                        Offer(c);
                    }
                }

                private void Offer(Customer customer)
                {
                    partner.Upload(customer.Email);
                    {|#0:logger.LogInformation("Offer for {Email}", customer.Email)|};
                }
            }
            """,
            [("/shop.privacy.json", Policy)],
            editorConfig: null,
            V.Diagnostic("OPRIV001").WithLocation(0).WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
}
