namespace Octopus.Privacy.Cli.Tests.Commands;

public sealed class TestCommandTests
{
    private static readonly string ShippedTests = Path.Combine(AppContext.BaseDirectory, "policies", "octopus-group.tests.json");

    [Fact]
    public void The_shipped_tests_of_the_default_policy_all_pass()
    {
        var result = CliRun.InProcess("test", ShippedTests);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+ passed, 0 failed$", result.OutputLines[^1]);
        Assert.DoesNotContain("FAIL", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_tests_exercise_every_rule_of_the_default_policy()
    {
        var text = File.ReadAllText(ShippedTests);

        Assert.All(PrivacyPolicy.OctopusGroup.Rules, rule => Assert.Contains($"\"rule\": \"{rule.Id}\"", text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_case_shows_expected_and_actual_and_exits_1()
    {
        using var run = new CliRun();
        var tests = run.Write("t.json", """
            {
              "cases": [
                { "name": "right", "categories": ["billing"], "purpose": "marketing.offers", "recipient": "internal",
                  "consent": { "accepted": "1.0" }, "expect": "deny", "reason": "Forbidden" },
                { "name": "wrong", "categories": ["contact.email"], "purpose": "marketing.offers", "recipient": "processor",
                  "consent": { "accepted": "1.0" }, "expect": "permit", "obligations": ["contract-required"] }
              ]
            }
            """);

        var result = CliRun.InProcess("test", tests);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL wrong", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL right", result.Output, StringComparison.Ordinal);
        Assert.Contains("expected: permit", result.Output, StringComparison.Ordinal);
        Assert.Contains("expected obligations: [contract-required]", result.Output, StringComparison.Ordinal);
        Assert.Contains("actual:   deny: ConsentRequired", result.Output, StringComparison.Ordinal);
        Assert.Equal("1 passed, 1 failed", result.OutputLines[^1]);
    }

    [Fact]
    public void A_test_file_names_its_policy_relative_to_itself()
    {
        using var run = new CliRun();
        run.Write("tiny.json", """
            { "name": "Tiny", "version": "1", "categories": { "x": {} }, "purposes": { "p": { "consent": "opt-in" } },
              "recipients": { "r": {} }, "rules": [ { "id": "all", "effect": "permit" } ] }
            """);
        var tests = run.Write("tiny.tests.json", """
            { "policy": "tiny.json", "cases": [
              { "categories": ["x"], "purpose": "p", "recipient": "r", "expect": "deny", "reason": "ConsentRequired" },
              { "categories": ["x"], "purpose": "p", "recipient": "r", "consent": { "granted": ["p"] }, "expect": "permit", "rule": "all" }
            ] }
            """);

        var result = CliRun.InProcess("test", tests);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("against Tiny 1", result.Output, StringComparison.Ordinal);
        Assert.Equal("2 passed, 0 failed", result.OutputLines[^1]);
    }

    [Theory]
    [InlineData("{ \"cases\": [ { \"categories\": [\"x\"] ", "malformed test file")]
    [InlineData("{ \"cases\": [], \"extra\": 1 }", "unknown property 'extra' in the test file")]
    [InlineData("{ \"cases\": [ { \"categories\": [\"billing\"], \"purpose\": \"p\", \"recipient\": \"r\", \"expect\": \"maybe\" } ] }", "'expect'")]
    [InlineData("{ \"cases\": [ { \"categories\": [\"billing\"], \"purpose\": \"p\", \"recipient\": \"r\", \"expect\": \"deny\", \"reason\": \"Nope\" } ] }", "unknown reason 'Nope'")]
    public void A_malformed_test_file_is_a_usage_error(string text, string mentions)
    {
        using var run = new CliRun();
        var tests = run.Write("bad.tests.json", text);

        var result = CliRun.InProcess("test", tests);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(mentions, result.Error, StringComparison.Ordinal);
    }
}
