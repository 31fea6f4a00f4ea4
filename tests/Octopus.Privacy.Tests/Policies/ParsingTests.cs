using Octopus.Privacy.Tests.Support;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>Bad documents are rejected with every problem listed, by JSON path, line and column.</summary>
public sealed class ParsingTests
{
    [Fact]
    public void Malformed_json_is_reported_with_its_line_and_column()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse("{\n  \"name\": \"x\",\n  \"version\": \n}"));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("Malformed JSON", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{} {}")]
    public void A_document_that_is_not_one_object_is_rejected(string json)
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse(json));

        Assert.NotEmpty(ex.Problems);
    }

    [Fact]
    public void Every_problem_is_listed_not_just_the_first()
    {
        const string json = """
            {
              "name": "",
              "categories": { "Contact": {}, "ok": { "personal": "yes" } },
              "purposes": { "p": { "consent": "maybe" }, "q": {} },
              "recipients": { "r": { "colour": "red" } },
              "acceptedVersions": [ 3 ],
              "rules": [
                { "id": "a", "effect": "allow" },
                { "id": "a", "effect": "permit", "categories": [] },
                { "effect": "forbid", "purposes": ["nope"], "consent": "opt-in", "obligations": ["audit"] },
                { "id": "c", "effect": "permit", "recipients": ["*", "r"] }
              ]
            }
            """;

        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse(json));

        var expected = new (string Path, int Line, string Fragment)[]
        {
            ("$", 1, "Missing required property 'version'"),
            ("$.name", 2, "must not be empty"),
            ("$.categories.Contact", 3, "'Contact' is not a valid name"),
            ("$.categories.ok.personal", 3, "Expected true or false, found a string"),
            ("$.purposes.p.consent", 4, "Unknown consent mode 'maybe'"),
            ("$.purposes.q", 4, "Missing required property 'consent'"),
            ("$.recipients.r.colour", 5, "Unknown property 'colour'"),
            ("$.acceptedVersions[0]", 6, "Expected a policy version as a non-empty string, found a number"),
            ("$.rules[0].effect", 8, "Unknown effect 'allow'"),
            ("$.rules[1].id", 9, "Duplicate rule id 'a'"),
            ("$.rules[1].categories", 9, "list is empty"),
            ("$.rules[2]", 10, "Missing required property 'id'"),
            ("$.rules[2].purposes[0]", 10, "'nope' names no declared purpose"),
            ("$.rules[2].consent", 10, "applies to permit rules only"),
            ("$.rules[2].obligations", 10, "apply to permit rules only"),
            ("$.rules[3].recipients[0]", 11, "must stand alone"),
        };
        foreach (var (path, line, fragment) in expected)
        {
            Assert.Contains(ex.Problems, p => p.Path == path && p.Line == line && p.Message.Contains(fragment, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, ex.Problems.Count);
        Assert.Equal(ex.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column), ex.Problems);
    }

    [Fact]
    public void Duplicate_keys_are_rejected_at_the_second_occurrence()
    {
        var json = PolicyText.WithRules(string.Empty).Replace("\"version\": \"2\",", "\"version\": \"2\",\n  \"version\": \"3\",", StringComparison.Ordinal);

        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse(json));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$.version", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.Equal(3, problem.Column);
        Assert.Contains("Duplicate key 'version'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_selector_must_name_a_declared_category_or_a_parent_of_one()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyText.Parse("""
            { "id": "a", "effect": "permit", "categories": ["contact", "cont", "contact.email.work", "Contact"] }
            """));

        Assert.Equal(
            ["'cont' names no declared category.", "'contact.email.work' names no declared category.", "'Contact' is not a valid category name."],
            ex.Problems.Select(p => p.Message));
    }

    [Fact]
    public void Accepted_versions_must_be_a_non_empty_list_that_includes_the_current_version()
    {
        var missingCurrent = Assert.Throws<PolicyValidationException>(() => PolicyText.Parse(string.Empty, "[\"1\"]"));
        var empty = Assert.Throws<PolicyValidationException>(() => PolicyText.Parse(string.Empty, "[]"));
        var notAList = Assert.Throws<PolicyValidationException>(() => PolicyText.Parse(string.Empty, "\"2\""));

        Assert.Contains("must include the current version '2'", Assert.Single(missingCurrent.Problems).Message, StringComparison.Ordinal);
        Assert.Contains(empty.Problems, p => p.Message.Contains("must not be empty", StringComparison.Ordinal));
        Assert.Equal("$.acceptedVersions", Assert.Single(notAList.Problems).Path);
    }

    [Fact]
    public void A_personal_filter_that_leaves_a_rule_no_category_is_rejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PolicyText.Parse("""
            { "id": "a", "effect": "permit", "categories": ["stats"], "personal": true }
            """));

        Assert.Equal("$.rules[0].personal", Assert.Single(ex.Problems).Path);
    }

    [Fact]
    public void Vocabularies_are_required_and_must_not_be_empty()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse("""{ "name": "n", "version": "1", "categories": {}, "purposes": [] }"""));

        Assert.Equal(
            ["$", "$.categories", "$.purposes"],
            ex.Problems.Select(p => p.Path));
        Assert.Contains("'recipients'", ex.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exception_message_lists_every_problem_with_file_line_and_column()
    {
        var file = Path.Combine(Path.GetTempPath(), $"octopus-privacy-{Guid.NewGuid():N}.json");
        var json = PolicyText.WithRules("""{ "id": "a", "effect": "allow" }, { "id": "b", "effect": "deny" }""");
        var rulesLine = Array.FindIndex(json.Split('\n'), l => l.Contains("\"rules\"", StringComparison.Ordinal)) + 1;
        File.WriteAllText(file, json);
        try
        {
            var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Load(file));

            Assert.Equal(file, ex.FilePath);
            Assert.Equal(2, ex.Problems.Count);
            Assert.Contains($"{file}({rulesLine},", ex.Message, StringComparison.Ordinal);
            Assert.Contains("2 problems", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Unknown effect 'deny'", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_file_that_cannot_be_read_gives_a_clear_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-policy-{Guid.NewGuid():N}.json");

        var ex = Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Load(missing));

        Assert.Contains($"Cannot read the policy file '{missing}'", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(ex.InnerException);
        Assert.Throws<ArgumentException>(() => PrivacyPolicy.Load(" "));
    }

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_accepted()
    {
        var json = "\uFEFF" + PolicyText.WithRules("""
            // permit everything internal
            { "id": "a", "effect": "permit", "recipients": ["internal"], },
            """);

        var policy = PrivacyPolicy.Parse(json);

        Assert.Single(policy.Rules);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var json = PolicyText.WithRules("""{ "id": "a", "description": "ünïcödé", "effect": "allow" }""");

        var problem = Assert.Single(Assert.Throws<PolicyValidationException>(() => PrivacyPolicy.Parse(json)).Problems);

        var line = json.Split('\n')[problem.Line - 1];
        Assert.Equal("\"allow\"", line.Substring(problem.Column - 1, 7));
    }

    [Fact]
    public void ToJson_writes_a_document_that_parses_back_to_the_same_policy()
    {
        var policy = PrivacyPolicy.OctopusGroup;

        var copy = PrivacyPolicy.Parse(policy.ToJson());

        Assert.Equal(policy.ToJson(), copy.ToJson());
        Assert.Equal(policy.Rules.Select(r => (r.Id, r.Effect, r.Clause)), copy.Rules.Select(r => (r.Id, r.Effect, r.Clause)));
        Assert.Contains("\"associates-receive-aggregate-only\"", policy.ToJson(), StringComparison.Ordinal);
        Assert.Contains("Octopus Group's", policy.ToJson(), StringComparison.Ordinal);
    }
}
