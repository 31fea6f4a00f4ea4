using Octopus.Privacy.Tests.Support;
using static Octopus.Privacy.Tests.Support.Requests;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>Examples of each evaluation rule of the policy language.</summary>
public sealed class EvaluationTests
{
    [Fact]
    public void Forbid_rule_overrides_every_permit()
    {
        var policy = PolicyText.Parse("""
            { "id": "p", "effect": "permit" },
            { "id": "f", "effect": "forbid", "categories": ["contact.email"], "recipients": ["partner"] }
            """);

        var denied = policy.Evaluate(Use("contact.email", "ops", "partner"));

        Assert.False(denied.IsPermitted);
        Assert.Equal(DecisionReason.Forbidden, denied.Reason);
        Assert.Equal("f", denied.RuleId);
        Assert.Empty(denied.Obligations);
        Assert.True(policy.Evaluate(Use("contact.phone", "ops", "partner")).IsPermitted);
    }

    [Fact]
    public void The_first_matching_forbid_in_document_order_is_reported()
    {
        var policy = PolicyText.Parse("""
            { "id": "p", "effect": "permit" },
            { "id": "f1", "effect": "forbid", "purposes": ["ops"] },
            { "id": "f2", "effect": "forbid" }
            """);

        Assert.Equal("f1", policy.Evaluate(Use("contact.email", "ops", "internal")).RuleId);
        Assert.Equal("f2", policy.Evaluate(Use("contact.email", "news", "internal", Accepted("2"))).RuleId);
    }

    [Fact]
    public void A_policy_without_rules_denies_with_no_applicable_rule()
    {
        var policy = PolicyText.Parse(string.Empty);

        var decision = policy.Evaluate(Use("stats", "ops", "internal"));

        Assert.Equal(DecisionReason.NoApplicableRule, decision.Reason);
        Assert.Null(decision.RuleId);
        Assert.Contains("does not permit", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_category_selector_matches_every_child_but_not_a_sibling_with_the_same_prefix()
    {
        var policy = PrivacyPolicy.Parse("""
            {
              "name": "n", "version": "1",
              "categories": { "contact": {}, "contact.email": {}, "contactless": {} },
              "purposes": { "ops": { "consent": "none" } },
              "recipients": { "internal": {} },
              "rules": [ { "id": "p", "effect": "permit", "categories": ["contact"] } ]
            }
            """);

        Assert.True(policy.Evaluate(Use("contact", "ops", "internal")).IsPermitted);
        Assert.True(policy.Evaluate(Use("contact.email", "ops", "internal")).IsPermitted);
        Assert.Equal(DecisionReason.NoApplicableRule, policy.Evaluate(Use("contactless", "ops", "internal")).Reason);
    }

    [Fact]
    public void Personal_selector_restricts_a_rule_to_personal_or_to_non_personal_categories()
    {
        var policy = PolicyText.Parse("""
            { "id": "only-personal", "effect": "permit", "personal": true, "recipients": ["internal"] },
            { "id": "only-aggregate", "effect": "permit", "personal": false, "recipients": ["partner"] }
            """);

        Assert.Equal("only-personal", policy.Evaluate(Use("contact.email", "ops", "internal")).RuleId);
        Assert.Equal(DecisionReason.NoApplicableRule, policy.Evaluate(Use("stats", "ops", "internal")).Reason);
        Assert.Equal("only-aggregate", policy.Evaluate(Use("stats", "ops", "partner")).RuleId);
        Assert.Equal(DecisionReason.NoApplicableRule, policy.Evaluate(Use("contact.email", "ops", "partner")).Reason);
    }

    [Fact]
    public void Opt_out_purpose_needs_an_accepted_listed_version_and_no_withdrawal()
    {
        var policy = PolicyText.Parse("""{ "id": "p", "effect": "permit", "purposes": ["news"] }""", "[\"1\", \"2\"]");

        Assert.Equal(DecisionReason.PolicyNotAccepted, policy.Evaluate(Use("contact.email", "news", "internal")).Reason);
        Assert.True(policy.Evaluate(Use("contact.email", "news", "internal", Accepted("1"))).IsPermitted);
        Assert.True(policy.Evaluate(Use("contact.email", "news", "internal", Accepted("2"))).IsPermitted);
        Assert.Equal(DecisionReason.PolicyNotAccepted, policy.Evaluate(Use("contact.email", "news", "internal", Accepted("0"))).Reason);
        Assert.Equal(DecisionReason.ConsentWithdrawn, policy.Evaluate(Use("contact.email", "news", "internal", Accepted("2").Withdraw("news"))).Reason);
        Assert.True(policy.Evaluate(Use("contact.email", "news", "internal", ConsentState.None.Grant("news"))).IsPermitted);
    }

    [Fact]
    public void Opt_in_purpose_needs_an_explicit_grant_that_was_not_withdrawn_since()
    {
        var policy = PolicyText.Parse("""{ "id": "p", "effect": "permit", "purposes": ["ads"] }""");

        Assert.Equal(DecisionReason.ConsentRequired, policy.Evaluate(Use("contact.email", "ads", "internal", Accepted("2"))).Reason);
        Assert.True(policy.Evaluate(Use("contact.email", "ads", "internal", ConsentState.None.Grant("ads"))).IsPermitted);
        Assert.Equal(DecisionReason.ConsentWithdrawn, policy.Evaluate(Use("contact.email", "ads", "internal", Accepted("2").Grant("ads").Withdraw("ads"))).Reason);
        Assert.True(policy.Evaluate(Use("contact.email", "ads", "internal", Accepted("2").Withdraw("ads").Grant("ads"))).IsPermitted);
    }

    [Fact]
    public void Consent_mode_none_ignores_the_consent_state()
    {
        var policy = PolicyText.Parse("""{ "id": "p", "effect": "permit", "purposes": ["ops"] }""");

        Assert.True(policy.Evaluate(Use("contact.email", "ops", "internal")).IsPermitted);
        Assert.True(policy.Evaluate(Use("contact.email", "ops", "internal", ConsentState.None.Withdraw("ops"))).IsPermitted);
    }

    [Fact]
    public void A_rule_can_raise_the_consent_mode_but_never_lower_it()
    {
        var policy = PolicyText.Parse("""
            { "id": "raise", "effect": "permit", "purposes": ["ops"], "recipients": ["partner"], "consent": "opt-in" },
            { "id": "lower", "effect": "permit", "purposes": ["ads"], "recipients": ["internal"], "consent": "none" }
            """);

        Assert.Equal(DecisionReason.ConsentRequired, policy.Evaluate(Use("contact.email", "ops", "partner", Accepted("2"))).Reason);
        Assert.True(policy.Evaluate(Use("contact.email", "ops", "partner", ConsentState.None.Grant("ops"))).IsPermitted);
        Assert.Equal(DecisionReason.ConsentRequired, policy.Evaluate(Use("contact.email", "ads", "internal", Accepted("2"))).Reason);
    }

    [Fact]
    public void Unmet_permits_deny_with_the_reason_of_the_least_strict_one()
    {
        var policy = PolicyText.Parse("""
            { "id": "strict", "effect": "permit", "purposes": ["news"], "consent": "opt-in" },
            { "id": "lenient", "effect": "permit", "purposes": ["news"] }
            """);

        var decision = policy.Evaluate(Use("contact.email", "news", "internal"));

        Assert.Equal(DecisionReason.PolicyNotAccepted, decision.Reason);
        Assert.Equal("lenient", decision.RuleId);
    }

    [Fact]
    public void A_permit_reports_the_first_met_rule_and_the_obligations_of_every_met_rule_in_stable_order()
    {
        var policy = PolicyText.Parse("""
            { "id": "needs-grant", "effect": "permit", "purposes": ["news"], "consent": "opt-in", "obligations": ["b"] },
            { "id": "accepted", "effect": "permit", "purposes": ["news"], "obligations": ["c", "a"] },
            { "id": "also", "effect": "permit", "purposes": ["news"], "obligations": ["a", "b"] }
            """);

        var accepted = policy.Evaluate(Use("contact.email", "news", "internal", Accepted("2")));
        var granted = policy.Evaluate(Use("contact.email", "news", "internal", Accepted("2").Grant("news")));

        Assert.Equal("accepted", accepted.RuleId);
        Assert.Equal(["b", "c", "a"], accepted.Obligations);
        Assert.Equal("needs-grant", granted.RuleId);
        Assert.Equal(["b", "c", "a"], granted.Obligations);
    }

    [Fact]
    public void Non_personal_categories_need_no_consent()
    {
        var policy = PolicyText.Parse("""{ "id": "p", "effect": "permit", "purposes": ["ads"], "consent": "opt-in" }""");

        Assert.True(policy.Evaluate(Use("stats", "ads", "partner")).IsPermitted);
        Assert.True(policy.Evaluate(Use("stats", "ads", "partner", ConsentState.None.Withdraw("ads"))).IsPermitted);
        Assert.Equal(DecisionReason.ConsentRequired, policy.Evaluate(Use("contact.email", "ads", "partner")).Reason);
    }

    [Fact]
    public void A_multi_category_request_is_denied_by_its_first_denied_category()
    {
        var policy = PolicyText.Parse("""
            { "id": "p", "effect": "permit", "categories": ["contact.email", "stats"], "obligations": ["x"] },
            { "id": "f", "effect": "forbid", "categories": ["stats"], "recipients": ["partner"] }
            """);

        var decision = policy.Evaluate(Use(["contact.email", "contact.phone", "stats"], "ops", "partner"));

        Assert.Equal(DecisionReason.NoApplicableRule, decision.Reason);
        Assert.Contains("contact.phone", decision.Explanation, StringComparison.Ordinal);
        Assert.Equal(DecisionReason.Forbidden, policy.Evaluate(Use(["contact.email", "stats"], "ops", "partner")).Reason);
    }

    [Fact]
    public void A_multi_category_permit_unites_the_obligations_and_names_every_category()
    {
        var policy = PolicyText.Parse("""
            { "id": "email", "effect": "permit", "categories": ["contact.email"], "obligations": ["y"] },
            { "id": "phone", "effect": "permit", "categories": ["contact.phone"], "obligations": ["x", "y"] }
            """);

        var decision = policy.Evaluate(Use(["contact.email", "contact.phone"], "ops", "internal"));

        Assert.True(decision.IsPermitted);
        Assert.Equal("email", decision.RuleId);
        Assert.Equal(["y", "x"], decision.Obligations);
        Assert.Contains("contact.email, contact.phone", decision.Explanation, StringComparison.Ordinal);
        Assert.Contains("'phone'", decision.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssn", "ops", "internal", DecisionReason.UnknownCategory, "ssn")]
    [InlineData("contact.email", "resale", "internal", DecisionReason.UnknownPurpose, "resale")]
    [InlineData("contact.email", "ops", "broker", DecisionReason.UnknownRecipient, "broker")]
    [InlineData("CONTACT.EMAIL", "ops", "internal", DecisionReason.UnknownCategory, "CONTACT.EMAIL")]
    [InlineData("contact", "ops", "internal", DecisionReason.UnknownCategory, "contact")]
    public void Unknown_names_deny_and_never_throw(string category, string purpose, string recipient, DecisionReason reason, string named)
    {
        var policy = PolicyText.Parse("""{ "id": "p", "effect": "permit" }""");

        var decision = policy.Evaluate(Use(category, purpose, recipient, Accepted("2")));
        var prepared = policy.Prepare([category], purpose, recipient).Evaluate(Accepted("2"));

        Assert.False(decision.IsPermitted);
        Assert.Equal(reason, decision.Reason);
        Assert.Contains($"'{named}'", decision.Explanation, StringComparison.Ordinal);
        Assert.Equal(decision, prepared);
        Assert.Equal(decision.Explanation, prepared.Explanation);
    }

    [Fact]
    public void Null_names_inside_a_request_deny_as_unknown_and_null_consent_counts_as_nothing_recorded()
    {
        var policy = PolicyText.Parse("""{ "id": "p", "effect": "permit" }""");

        Assert.Equal(DecisionReason.UnknownCategory, policy.Evaluate(new DataUseRequest([null!], "ops", "internal")).Reason);
        Assert.Equal(DecisionReason.UnknownPurpose, policy.Evaluate(new DataUseRequest(["stats"], null!, "internal")).Reason);
        Assert.Equal(DecisionReason.UnknownRecipient, policy.Evaluate(new DataUseRequest(["stats"], "ops", null!)).Reason);
        Assert.Equal(
            DecisionReason.PolicyNotAccepted,
            policy.Evaluate(new DataUseRequest(["contact.email"], "news", "internal") { Consent = null! }).Reason);
    }

    [Fact]
    public void A_request_without_a_category_is_an_argument_error()
    {
        var policy = PrivacyPolicy.OctopusGroup;

        Assert.Throws<ArgumentException>(() => policy.Evaluate(new DataUseRequest([], "ops", "internal")));
        Assert.Throws<ArgumentException>(() => policy.Evaluate(new DataUseRequest(null!, "ops", "internal")));
        Assert.Throws<ArgumentException>(() => policy.Prepare([], "ops", "internal"));
        Assert.Throws<ArgumentNullException>(() => policy.Evaluate(null!));
        Assert.Throws<ArgumentNullException>(() => policy.Prepare(["billing"], "ops", "internal").Evaluate(null!));
    }

    [Fact]
    public void Default_values_of_the_result_structs_deny()
    {
        PolicyDecision decision = default;
        PreparedRequest prepared = default;

        Assert.False(decision.IsPermitted);
        Assert.Equal(DecisionReason.NoApplicableRule, decision.Reason);
        Assert.Empty(decision.Obligations);
        Assert.StartsWith("Denied:", decision.Explanation, StringComparison.Ordinal);
        Assert.False(prepared.Evaluate(ConsentState.None).IsPermitted);
    }

    [Fact]
    public void Obligation_lists_cannot_be_changed_by_a_caller()
    {
        var decision = PrivacyPolicy.OctopusGroup.Evaluate(Use("identity.name", "legal.compliance", "authority"));

        Assert.False(decision.Obligations is string[]);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)decision.Obligations).Add("nothing"));
    }
}
