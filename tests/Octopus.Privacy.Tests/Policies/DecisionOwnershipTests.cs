using System.Runtime.CompilerServices;
using Octopus.Privacy.Tests.Support;
using static Octopus.Privacy.Tests.Support.Requests;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>A decision owns what it reports from the moment it is made, and keeps nothing of the policy alive.</summary>
public sealed class DecisionOwnershipTests
{
    [Fact]
    public void Changing_the_callers_list_after_Evaluate_does_not_change_the_explanation()
    {
        var categories = new List<string> { "identity.name", "contact.email" };
        var decision = PrivacyPolicy.OctopusGroup.Evaluate(new DataUseRequest(categories, "marketing.offers", "internal") { Consent = Accepted() });
        var before = decision.Explanation;

        categories.Clear();
        categories.Add("billing");

        Assert.True(decision.IsPermitted);
        Assert.Equal(before, decision.Explanation);
        Assert.StartsWith("Permitted: identity.name, contact.email may be used for marketing.offers", decision.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("billing", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_callers_list_before_reading_the_explanation_changes_nothing_either()
    {
        var categories = new List<string> { "identity.name", "contact.email" };
        var decision = PrivacyPolicy.OctopusGroup.Evaluate(new DataUseRequest(categories, "marketing.offers", "internal") { Consent = Accepted() });

        categories[0] = "billing";

        Assert.StartsWith("Permitted: identity.name, contact.email ", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prepared_request_keeps_its_categories_even_if_the_caller_changes_the_list()
    {
        var categories = new List<string> { "identity.name", "contact.email" };
        var prepared = PrivacyPolicy.OctopusGroup.Prepare(categories, "marketing.offers", "internal");
        categories.Clear();
        categories.Add("billing");

        var decision = prepared.Evaluate(Accepted());

        Assert.True(decision.IsPermitted);
        Assert.StartsWith("Permitted: identity.name, contact.email ", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_permits_of_several_categories_name_them_in_the_order_of_each_request()
    {
        var policy = PrivacyPolicy.OctopusGroup;
        string[][] orders = [["identity.name", "contact.email"], ["contact.email", "identity.name"], ["identity.name", "contact.email", "contact.address"]];

        for (var round = 0; round < 3; round++)
        {
            foreach (var order in orders)
            {
                var decision = policy.Evaluate(new DataUseRequest(order, "marketing.offers", "internal") { Consent = Accepted() });
                Assert.StartsWith($"Permitted: {string.Join(", ", order)} may be used", decision.Explanation, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Decisions_keep_no_reference_to_the_policy_that_made_them()
    {
        var (policy, decisions) = DecideWithAThrowawayPolicy();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(policy.TryGetTarget(out _), "the policy is still reachable from its decisions");
        Assert.Equal(
            ["Permitted", "Permitted", "UnknownCategory", "PolicyNotAccepted", "Permitted"],
            decisions.Select(d => d.Reason.ToString()));
        Assert.Contains("contact.email, contact.phone", decisions[1].Explanation, StringComparison.Ordinal);
        Assert.Contains("'nope'", decisions[2].Explanation, StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<PrivacyPolicy> Policy, PolicyDecision[] Decisions) DecideWithAThrowawayPolicy()
    {
        var policy = PolicyText.Parse("""{ "id": "news", "effect": "permit", "purposes": ["news", "ops"] }""");
        var accepted = Accepted("2");
        PolicyDecision[] decisions =
        [
            policy.Evaluate(Use("contact.email", "news", "partner", accepted)),
            policy.Evaluate(Use(["contact.email", "contact.phone"], "news", "partner", accepted)),
            policy.Evaluate(Use("nope", "news", "partner", accepted)),
            policy.Prepare(["contact.email"], "news", "partner").Evaluate(ConsentState.None),
            policy.Prepare(["contact.email", "stats"], "ops", "partner").Evaluate(ConsentState.None),
        ];
        return (new WeakReference<PrivacyPolicy>(policy), decisions);
    }
}
