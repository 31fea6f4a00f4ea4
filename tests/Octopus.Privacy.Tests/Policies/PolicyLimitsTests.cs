using System.Text;
using System.Text.Json.Nodes;
using static Octopus.Privacy.Tests.Support.Requests;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>
/// Anything validation accepts evaluates without throwing, in memory proportional to the cells used; a document over
/// a limit gets one problem per exceeded limit.
/// </summary>
public sealed class PolicyLimitsTests
{
    [Fact]
    public void A_policy_at_every_vocabulary_limit_validates_and_evaluates_its_corners()
    {
        var json = Document(PolicyLimits.MaxCategories, PolicyLimits.MaxPurposes, PolicyLimits.MaxRecipients, rules: 200);

        Assert.Empty(PrivacyPolicy.Validate(json));
        var policy = PrivacyPolicy.Parse(json);
        var consent = Accepted("1").Grant(Purpose(PolicyLimits.MaxPurposes - 1));
        foreach (var (c, p, r) in new[] { (0, 0, 0), (PolicyLimits.MaxCategories - 1, PolicyLimits.MaxPurposes - 1, PolicyLimits.MaxRecipients - 1), (511, 128, 255) })
        {
            var decision = policy.Evaluate(Use([Category(c), Category(0)], Purpose(p), Recipient(r), consent));
            Assert.False(string.IsNullOrEmpty(decision.Explanation));
        }
    }

    [Fact]
    public void The_decision_table_grows_with_the_cells_decided_not_with_the_vocabulary()
    {
        var policy = PrivacyPolicy.Parse(Document(PolicyLimits.MaxCategories, PolicyLimits.MaxPurposes, PolicyLimits.MaxRecipients, rules: 50));
        const int decisions = 20;
        for (var i = 0; i < decisions; i++)
        {
            _ = policy.Evaluate(Use(Category(i * 37 % PolicyLimits.MaxCategories), Purpose(i * 11 % PolicyLimits.MaxPurposes), Recipient(i * 13 % PolicyLimits.MaxRecipients)));
        }

        // Each new (category, purpose) costs at most one purpose row and one recipient row; the full table would be
        // categories × purposes × recipients × 4 slots (268 million here).
        var perDecision = PolicyLimits.MaxPurposes + (PolicyLimits.MaxRecipients * 4);
        Assert.InRange(policy.Evaluator.AllocatedSlots, 1, decisions * perDecision);
    }

    public static TheoryData<string, string> OverLimit() => new()
    {
        { Document(PolicyLimits.MaxCategories + 1, 1, 1, 1), nameof(PolicyLimits.MaxCategories) },
        { Document(1, PolicyLimits.MaxPurposes + 1, 1, 1), nameof(PolicyLimits.MaxPurposes) },
        { Document(1, 1, PolicyLimits.MaxRecipients + 1, 1), nameof(PolicyLimits.MaxRecipients) },
        { Document(1, 1, 1, PolicyLimits.MaxRules + 1), nameof(PolicyLimits.MaxRules) },
        { Edit(Document(1, 1, 1, 1), d => d["acceptedVersions"] = new JsonArray([.. Enumerable.Range(0, PolicyLimits.MaxAcceptedVersions).Select(i => (JsonNode)$"v{i}").Append("1")])), nameof(PolicyLimits.MaxAcceptedVersions) },
        { Edit(Document(1, 1, 1, 1), d => d["rules"]![0]!["purposes"] = new JsonArray([.. Enumerable.Repeat((JsonNode)"p0", PolicyLimits.MaxSelectorEntries + 1).Select(n => n.DeepClone())])), nameof(PolicyLimits.MaxSelectorEntries) },
        { Edit(Document(1, 1, 1, 1), d => d["rules"]![0]!["obligations"] = new JsonArray([.. Enumerable.Range(0, PolicyLimits.MaxObligations + 1).Select(i => (JsonNode)$"o{i}")])), nameof(PolicyLimits.MaxObligations) },
        { Edit(Document(1, 1, 1, 1), d => d["recipients"]![new string('r', PolicyLimits.MaxNameLength + 1)] = new JsonObject()), nameof(PolicyLimits.MaxNameLength) },
        { Edit(Document(1, 1, 1, 1), d => d["description"] = new string('x', PolicyLimits.MaxTextLength + 1)), nameof(PolicyLimits.MaxTextLength) },
    };

    [Theory]
    [MemberData(nameof(OverLimit))]
    public void A_document_over_a_limit_gets_one_problem_naming_it(string json, string limit)
    {
        var problem = Assert.Single(PrivacyPolicy.Validate(json));

        Assert.Contains(limit, problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line > 0);
    }

    [Fact]
    public void A_document_larger_than_the_limit_gets_one_problem_before_it_is_parsed()
    {
        var json = "{\"description\": \"" + new string('x', PolicyLimits.MaxDocumentBytes) + "\"}";

        var problem = Assert.Single(PrivacyPolicy.Validate(json));

        Assert.Contains(nameof(PolicyLimits.MaxDocumentBytes), problem.Message, StringComparison.Ordinal);
        Assert.Single(PrivacyPolicy.Validate(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_a_problem_not_a_crash()
    {
        var json = new string('[', 300_000) + new string(']', 300_000);

        var problem = Assert.Single(PrivacyPolicy.Validate(json));

        Assert.Contains("depth", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void At_most_a_thousand_problems_are_listed_and_the_rest_are_counted()
    {
        var document = JsonNode.Parse(Document(1, 1, 1, 1))!.AsObject();
        for (var i = 0; i < 5000; i++)
        {
            document[$"Bad{i}"] = i;
        }

        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse(document.ToJsonString()));

        Assert.Equal(PolicyLimits.MaxReportedProblems + 1, ex.Problems.Count);
        Assert.Equal("... and 4000 more problems not listed; the first 1000 are.", ex.Problems[^1].Message);
        Assert.All(ex.Problems.Take(PolicyLimits.MaxReportedProblems), p => Assert.StartsWith("Unknown property 'Bad", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Sixty_thousand_categories_in_one_rule_are_one_problem()
    {
        var json = Edit(Document(10, 1, 1, 1), d => d["rules"]![0]!["categories"] = new JsonArray([.. Enumerable.Range(0, 60_000).Select(i => (JsonNode)Category(i % 10))]));

        var problem = Assert.Single(PrivacyPolicy.Validate(json));

        Assert.Contains(nameof(PolicyLimits.MaxSelectorEntries), problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_listed_many_times_and_selected_by_its_parent_resolves_once()
    {
        var json = Edit(Document(10, 1, 1, 1), d => d["rules"]![0]!["categories"] = new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)(i % 2 == 0 ? "domain" : Category(3)))]));

        var policy = PrivacyPolicy.Parse(json);

        Assert.Equal(["domain", Category(3)], policy.Rules[0].Categories);
    }

    internal static string Category(int i) => $"domain.field-{i}";

    internal static string Purpose(int i) => $"purpose-{i}";

    internal static string Recipient(int i) => $"recipient-{i}";

    /// <summary>A valid document with the given vocabulary sizes and rules that permit with cycling consent modes.</summary>
    internal static string Document(int categories, int purposes, int recipients, int rules)
    {
        string[] modes = ["none", "opt-out", "opt-in"];
        var document = new JsonObject
        {
            ["name"] = "limits",
            ["version"] = "1",
            ["categories"] = new JsonObject(Enumerable.Range(0, categories).Select(i => KeyValuePair.Create(Category(i), (JsonNode?)new JsonObject { ["personal"] = i % 5 != 0 }))),
            ["purposes"] = new JsonObject(Enumerable.Range(0, purposes).Select(i => KeyValuePair.Create(Purpose(i), (JsonNode?)new JsonObject { ["consent"] = modes[i % 3] }))),
            ["recipients"] = new JsonObject(Enumerable.Range(0, recipients).Select(i => KeyValuePair.Create(Recipient(i), (JsonNode?)new JsonObject()))),
            ["rules"] = new JsonArray([.. Enumerable.Range(0, rules).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = $"rule-{i}",
                ["effect"] = i % 10 == 9 ? "forbid" : "permit",
                ["categories"] = new JsonArray(Category(i % categories)),
                ["purposes"] = new JsonArray(Purpose(i % purposes)),
            })]),
        };
        return document.ToJsonString();
    }

    private static string Edit(string json, Action<JsonObject> edit)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        edit(document);
        return document.ToJsonString();
    }
}
