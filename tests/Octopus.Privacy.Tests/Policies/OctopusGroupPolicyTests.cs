using static Octopus.Privacy.Tests.Support.Requests;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>The embedded default policy gives the decisions Octopus Group's published policy promises.</summary>
public sealed class OctopusGroupPolicyTests
{
    private static readonly PrivacyPolicy Policy = PrivacyPolicy.OctopusGroup;

    public enum Consent
    {
        Nothing,
        Accepted,
        AcceptedThenWithdrew,
        AcceptedAndGranted,
    }

    /// <summary>
    /// At least one decision per rule (the rule that decides it, or none), and one for each decision of the encoding's
    /// correction (marked "correction"): each of those gave another answer under the policy before it.
    /// </summary>
    public static TheoryData<string, string, string, Consent, DecisionReason, string?, string?> PublishedTable => new()
    {
        { "contact.email", "marketing.offers", "internal", Consent.Accepted, DecisionReason.Permitted, null, "offers-from-octopus-group" },
        { "contact.email", "marketing.offers", "internal", Consent.AcceptedThenWithdrew, DecisionReason.ConsentWithdrawn, null, "offers-from-octopus-group" },
        { "contact.email", "marketing.offers", "internal", Consent.Nothing, DecisionReason.PolicyNotAccepted, null, "offers-from-octopus-group" },
        { "contact.address", "communications.announcements", "internal", Consent.Accepted, DecisionReason.Permitted, null, "announcements" },
        { "contact.email", "advertising.tailored", "associate", Consent.Accepted, DecisionReason.Forbidden, null, "associates-receive-aggregate-only" },
        { "aggregate", "advertising.tailored", "associate", Consent.Nothing, DecisionReason.Permitted, null, "aggregate-to-associates" },
        { "contact.email", "marketing.offers", "processor", Consent.Accepted, DecisionReason.ConsentRequired, null, "no-third-party-contact-without-consent" },
        { "contact.email", "marketing.offers", "processor", Consent.AcceptedAndGranted, DecisionReason.Permitted, "contract-required", "no-third-party-contact-without-consent" },
        { "identity.name,contact.address", "legal.compliance", "authority", Consent.Nothing, DecisionReason.Permitted, "audit", "disclosure-required-by-law" },
        { "identity.name", "rights.protection", "internal", Consent.Nothing, DecisionReason.Permitted, "audit", "protect-rights-and-property" },
        { "account.credentials", "subject.access", "subject", Consent.Accepted, DecisionReason.Forbidden, null, "credentials-never-disclosed" },
        { "account.credentials", "marketing.offers", "internal", Consent.Accepted, DecisionReason.Forbidden, null, "credentials-only-for-sign-in" },
        { "account.credentials", "service.provision", "internal", Consent.Nothing, DecisionReason.Permitted, null, "provide-the-service" },
        { "billing", "marketing.offers", "internal", Consent.Accepted, DecisionReason.Forbidden, null, "billing-not-for-marketing" },
        { "chat.message", "service.provision", "public", Consent.Accepted, DecisionReason.Permitted, "public-disclosure", "chat-is-visible-to-other-users" },
        { "identity.name", "service.provision", "public", Consent.Accepted, DecisionReason.Forbidden, null, "public-only-what-the-person-posts" },
        { "ssn", "service.provision", "internal", Consent.Accepted, DecisionReason.UnknownCategory, null, null },
        { "identity.name", "product.development", "processor", Consent.Accepted, DecisionReason.Permitted, "contract-required", "processors-analyse-to-enhance-offerings" },
        { "business.profile", "advertising.tailored", "internal", Consent.Accepted, DecisionReason.Permitted, null, "tailor-updates-and-advertisements" },
        { "business.contact", "product.development", "internal", Consent.Accepted, DecisionReason.Permitted, null, "develop-the-services" },
        { "aggregate", "product.development", "internal", Consent.Nothing, DecisionReason.Permitted, null, "aggregate-in-house" },
        { "identity.name,contact.email,billing", "subject.access", "subject", Consent.Nothing, DecisionReason.Permitted, null, "access-and-update-own-data" },

        // Correction 1: no personal data to processors to provide the service or answer requests (was processors-provide-the-service).
        { "shipment.address,billing", "service.provision", "processor", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },
        { "contact.email", "request.response", "processor", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },

        // Correction 2: aggregate data to processors carries the contract (was aggregate-in-house, with none).
        { "aggregate", "product.development", "processor", Consent.Nothing, DecisionReason.Permitted, "contract-required", "aggregate-to-processors" },

        // Correction 3: access to one's own data covers personal categories only (aggregate data was permitted).
        { "aggregate", "subject.access", "subject", Consent.Nothing, DecisionReason.NoApplicableRule, null, null },

        // Correction 4: correspondence is not used for product development (was develop-the-services).
        { "correspondence", "product.development", "internal", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },

        // Correction 5: no catch-all in provide-the-service; chat messages are for the chat only (was permitted internally).
        { "chat.message", "request.response", "internal", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },

        // Readings decided on 2026-12-03 (docs/octopus-group-reading.md). Hosted chat: the chat the text describes is run
        // by Octopus Group, so it keeps and relays what is posted (service.provision, internal), and nothing more.
        { "chat.message", "service.provision", "internal", Consent.Accepted, DecisionReason.Permitted, null, "host-the-chat" },
        { "chat.message", "service.provision", "processor", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },

        // E-mails: "we will use your PII to respond to your e-mail": correspondence answers requests, nothing else.
        { "correspondence", "request.response", "internal", Consent.Nothing, DecisionReason.Permitted, null, "respond-to-correspondence" },
        { "correspondence", "service.provision", "internal", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },

        // Processors: information sent to them is used "solely for the purpose of enhancing the offerings ..., primarily to
        // tailor updates and advertisements": aggregate data to processors for development and tailoring only.
        { "aggregate", "advertising.tailored", "processor", Consent.Nothing, DecisionReason.Permitted, "contract-required", "aggregate-to-processors" },
        { "aggregate", "marketing.offers", "processor", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },
        { "aggregate", "legal.compliance", "processor", Consent.Nothing, DecisionReason.NoApplicableRule, null, null },

        // Associates (advertisers, vendors, publishers): aggregate data for tailored advertising, offers and
        // development, the purposes advertisers, vendors and publishers serve; not for the person's own service,
        // requests, announcements, legal or rights matters, or access.
        { "aggregate", "marketing.offers", "associate", Consent.Nothing, DecisionReason.Permitted, null, "aggregate-to-associates" },
        { "aggregate", "communications.announcements", "associate", Consent.Accepted, DecisionReason.NoApplicableRule, null, null },
        { "aggregate", "service.provision", "associate", Consent.Nothing, DecisionReason.NoApplicableRule, null, null },
    };

    [Theory]
    [MemberData(nameof(PublishedTable))]
    public void Default_policy_gives_the_published_decisions(
        string categories, string purpose, string recipient, Consent consent, DecisionReason reason, string? obligation, string? rule)
    {
        var request = Use(categories.Split(','), purpose, recipient, StateFor(consent, purpose));

        var decision = Policy.Evaluate(request);

        Assert.Equal(reason, decision.Reason);
        Assert.Equal(reason == DecisionReason.Permitted, decision.IsPermitted);
        Assert.Equal(obligation is null ? [] : [obligation], decision.Obligations);
        Assert.Equal(rule, decision.RuleId);
        Assert.False(string.IsNullOrWhiteSpace(decision.Explanation));
        var prepared = Policy.Prepare(categories.Split(','), purpose, recipient).Evaluate(StateFor(consent, purpose));
        Assert.Equal(decision, prepared);
    }

    [Fact]
    public void The_published_table_pins_a_decision_of_every_rule()
    {
        var pinned = PublishedTable.Select(row => (string?)row[6]).Where(r => r is not null).ToHashSet();

        Assert.All(Policy.Rules, rule => Assert.Contains(rule.Id, pinned));
    }

    [Fact]
    public void Credentials_rules_cite_the_heading_their_bullets_stand_under()
    {
        var decision = Policy.Evaluate(Use("account.credentials", "service.provision", "processor", Accepted()));

        Assert.Equal("credentials-never-disclosed", decision.RuleId);
        Assert.Equal("Collection of Information", decision.Clause);
        Assert.Equal("Collection of Information", Policy.Rules.Single(r => r.Id == "credentials-only-for-sign-in").Clause);
    }

    [Fact]
    public void Default_policy_vocabulary_is_exactly_the_published_one()
    {
        Assert.Equal(
            ["identity.name", "contact.email", "contact.address", "billing", "business.profile", "shipment.address",
             "business.contact", "account.credentials", "correspondence", "chat.message", "aggregate"],
            Policy.Categories.Select(c => c.Name));
        Assert.Equal(["aggregate"], Policy.Categories.Where(c => !c.IsPersonal).Select(c => c.Name));
        Assert.Equal(["account.credentials"], Policy.Categories.Where(c => c.IsSecret).Select(c => c.Name));
        Assert.Equal(
            [("service.provision", ConsentMode.None), ("request.response", ConsentMode.None),
             ("communications.announcements", ConsentMode.OptOut), ("marketing.offers", ConsentMode.OptOut),
             ("advertising.tailored", ConsentMode.OptOut), ("product.development", ConsentMode.OptOut),
             ("legal.compliance", ConsentMode.None), ("rights.protection", ConsentMode.None), ("subject.access", ConsentMode.None)],
            Policy.Purposes.Select(p => (p.Name, p.Consent)));
        Assert.Equal(["internal", "processor", "associate", "public", "authority", "subject"], Policy.Recipients.Select(r => r.Name));
    }

    [Fact]
    public void Every_rule_of_the_default_policy_cites_a_heading_of_the_published_text()
    {
        // A heading is a line of its own that is not a bullet and does not end a sentence.
        var headings = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "seed-policy.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('•') && !".:;!?".Contains(line[^1], StringComparison.Ordinal))
            .ToList();
        Assert.Equal(
            ["Octopus Privacy and Policy", "Notice of Change", "Collection of Information", "Choices Regarding the Use of Your Information",
             "Information Sharing: Chat and Social Networks", "Resale or Disclosure of Information to Third-Parties"],
            headings);

        Assert.All(Policy.Rules, rule =>
        {
            Assert.Contains(rule.Clause, headings);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description), $"rule {rule.Id} has no description");
        });
    }

    [Fact]
    public void Explanations_cite_the_deciding_rule_and_its_clause()
    {
        var decision = Policy.Evaluate(Use("contact.email", "advertising.tailored", "associate", Accepted()));

        Assert.Equal("associates-receive-aggregate-only", decision.RuleId);
        Assert.Equal("Resale or Disclosure of Information to Third-Parties", decision.Clause);
        Assert.Contains("associates-receive-aggregate-only", decision.Explanation, StringComparison.Ordinal);
        Assert.Contains("\"Resale or Disclosure of Information to Third-Parties\"", decision.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Denied:", decision.Explanation, StringComparison.Ordinal);
    }

    // Clause: "we do not rent, sell or share your PII to anyone without your consent" / aggregate only to associates.
    [Theory]
    [InlineData("identity.name")]
    [InlineData("contact.email")]
    [InlineData("billing")]
    [InlineData("business.contact")]
    [InlineData("shipment.address")]
    public void Associates_never_receive_personal_data_whatever_the_consent(string category)
    {
        var everything = Accepted();
        foreach (var purpose in Policy.Purposes)
        {
            everything = everything.Grant(purpose.Name);
        }

        foreach (var purpose in Policy.Purposes)
        {
            var decision = Policy.Evaluate(Use(category, purpose.Name, "associate", everything));
            Assert.Equal(DecisionReason.Forbidden, decision.Reason);
        }
    }

    // Clause: "you will not be contacted by any third-party without your consent".
    [Theory]
    [InlineData("contact.email")]
    [InlineData("contact.address")]
    [InlineData("identity.name")]
    public void Third_parties_contact_the_person_only_after_an_explicit_opt_in(string category)
    {
        var accepted = Accepted();

        Assert.Equal(DecisionReason.ConsentRequired, Policy.Evaluate(Use(category, "marketing.offers", "processor", accepted)).Reason);
        Assert.True(Policy.Evaluate(Use(category, "marketing.offers", "processor", accepted.Grant("marketing.offers"))).IsPermitted);
        Assert.Equal(
            DecisionReason.ConsentWithdrawn,
            Policy.Evaluate(Use(category, "marketing.offers", "processor", accepted.Grant("marketing.offers").Withdraw("marketing.offers"))).Reason);
    }

    // Clause: "Choices Regarding the Use of Your Information": the person can unsubscribe from communications.
    [Theory]
    [InlineData("communications.announcements")]
    [InlineData("marketing.offers")]
    public void Communications_stop_when_the_person_opts_out(string purpose)
    {
        var accepted = Accepted();

        Assert.True(Policy.Evaluate(Use("contact.email", purpose, "internal", accepted)).IsPermitted);
        Assert.Equal(DecisionReason.ConsentWithdrawn, Policy.Evaluate(Use("contact.email", purpose, "internal", accepted.Withdraw(purpose))).Reason);
    }

    // Clause: "What we do NOT do": credentials are never requested or disclosed; only sign-in uses them.
    [Fact]
    public void Credentials_serve_sign_in_only_and_never_leave_Octopus_Group()
    {
        var everything = Accepted();
        foreach (var purpose in Policy.Purposes)
        {
            everything = everything.Grant(purpose.Name);
        }

        Assert.True(Policy.Evaluate(Use("account.credentials", "service.provision", "internal", everything)).IsPermitted);
        foreach (var purpose in Policy.Purposes)
        {
            foreach (var recipient in Policy.Recipients)
            {
                if (purpose.Name == "service.provision" && recipient.Name == "internal")
                {
                    continue;
                }

                var decision = Policy.Evaluate(Use("account.credentials", purpose.Name, recipient.Name, everything));
                Assert.Equal(DecisionReason.Forbidden, decision.Reason);
            }
        }
    }

    // Clause: disclosure "as may be permitted or required by law ... or by order of a court".
    [Fact]
    public void Authorities_receive_data_only_under_legal_obligation_or_to_protect_rights_and_always_with_an_audit()
    {
        foreach (var purpose in Policy.Purposes)
        {
            var decision = Policy.Evaluate(Use("identity.name", purpose.Name, "authority", Accepted().Grant(purpose.Name)));
            if (purpose.Name is "legal.compliance" or "rights.protection")
            {
                Assert.True(decision.IsPermitted, purpose.Name);
                Assert.Equal(["audit"], decision.Obligations);
            }
            else
            {
                Assert.False(decision.IsPermitted, purpose.Name);
            }
        }
    }

    // Clause: third parties that organise, process or analyse are "contractually bound".
    [Fact]
    public void Every_permit_to_a_processor_carries_the_contract_obligation()
    {
        var everything = Accepted();
        foreach (var purpose in Policy.Purposes)
        {
            everything = everything.Grant(purpose.Name);
        }

        // Aggregate data included: the text binds "all such third-parties".
        var permits = 0;
        foreach (var category in Policy.Categories)
        {
            foreach (var purpose in Policy.Purposes)
            {
                var decision = Policy.Evaluate(Use(category.Name, purpose.Name, "processor", everything));
                if (decision.IsPermitted)
                {
                    permits++;
                    Assert.Contains("contract-required", decision.Obligations);
                }
            }
        }

        Assert.True(permits > 0);
    }

    // Clause: "Your right to access or update your PII".
    [Fact]
    public void The_person_can_access_their_own_data_without_any_consent_recorded()
    {
        foreach (var category in Policy.Categories.Where(c => c.IsPersonal && !c.IsSecret))
        {
            Assert.True(Policy.Evaluate(Use(category.Name, "subject.access", "subject")).IsPermitted, category.Name);
        }
    }

    // Clause: "Notice of Change": acceptance of a version the policy no longer lists does not count.
    [Fact]
    public void Acceptance_of_a_version_the_policy_does_not_list_counts_as_no_acceptance()
    {
        var decision = Policy.Evaluate(Use("contact.email", "marketing.offers", "internal", Accepted("0.9")));

        Assert.Equal(DecisionReason.PolicyNotAccepted, decision.Reason);
        Assert.Contains("version 1.0", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_default_is_the_policy_file_in_the_repository_compiled_once()
    {
        var file = PrivacyPolicy.Load(Path.Combine(RepositoryPaths.Root, "src", "Octopus.Privacy", "Policies", "octopus-group.json"));
        var results = new PrivacyPolicy[8];
        Parallel.For(0, results.Length, i => results[i] = PrivacyPolicy.OctopusGroup);

        Assert.All(results, p => Assert.Same(results[0], p));
        Assert.Equal("1.0", Policy.Version);
        Assert.Equal("Octopus Group Privacy Policy", Policy.Name);
        Assert.Equal(file.ToJson(), Policy.ToJson());
    }

    private static ConsentState StateFor(Consent consent, string purpose) => consent switch
    {
        Consent.Nothing => ConsentState.None,
        Consent.Accepted => Accepted(),
        Consent.AcceptedThenWithdrew => Accepted().Withdraw(purpose),
        _ => Accepted().Grant(purpose),
    };
}
