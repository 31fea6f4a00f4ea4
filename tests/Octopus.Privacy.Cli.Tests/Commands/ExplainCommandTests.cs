using System.Text.Json;

namespace Octopus.Privacy.Cli.Tests.Commands;

public sealed class ExplainCommandTests
{
    [Fact]
    public void A_permitted_use_prints_the_decision_and_exits_0()
    {
        var result = CliRun.InProcess("explain", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "processor", "--accepted", "1.0", "--grant", "marketing.offers");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["Decision:    permit", "Reason:      Permitted", "Rule:        no-third-party-contact-without-consent", "Clause:      Collection of Information", "Obligations: contract-required"],
            result.OutputLines[..5]);
        Assert.StartsWith("Permitted: contact.email", result.OutputLines[5], StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void A_denied_use_exits_3_with_the_reason_and_the_clause()
    {
        var result = CliRun.InProcess("explain", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "processor", "--accepted", "1.0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Reason:      ConsentRequired", result.Output, StringComparison.Ordinal);
        Assert.Contains("clause \"Collection of Information\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Grants_are_applied_before_withdrawals()
    {
        var result = CliRun.InProcess("explain", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "internal", "--accepted", "1.0", "--grant", "marketing.offers", "--withdraw", "marketing.offers");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Reason:      ConsentWithdrawn", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_categories_and_json_output()
    {
        var result = CliRun.InProcess("explain", "--category", "identity.name", "--category", "contact.address", "--purpose", "legal.compliance", "--recipient", "authority", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("permitted").GetBoolean());
        Assert.Equal("Permitted", root.GetProperty("reason").GetString());
        Assert.Equal("disclosure-required-by-law", root.GetProperty("rule").GetString());
        Assert.Equal(["audit"], root.GetProperty("obligations").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["identity.name", "contact.address"], root.GetProperty("request").GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1.0", root.GetProperty("policy").GetProperty("version").GetString());
    }

    [Fact]
    public void A_policy_file_replaces_the_default()
    {
        using var run = new CliRun();
        var policy = run.Write("p.json", """
            { "name": "Tiny", "version": "1", "categories": { "x": {} }, "purposes": { "p": { "consent": "none" } },
              "recipients": { "r": {} }, "rules": [ { "id": "all", "effect": "permit" } ] }
            """);

        var result = CliRun.InProcess("explain", "--policy", policy, "--category", "x", "--purpose", "p", "--recipient", "r");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Rule:        all", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--category", "ssn", "unknown category 'ssn'")]
    [InlineData("--purpose", "resale", "unknown purpose 'resale'")]
    [InlineData("--recipient", "broker", "unknown recipient 'broker'")]
    [InlineData("--grant", "everything", "unknown purpose 'everything'")]
    public void An_unknown_name_is_a_usage_error_on_one_line(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--category"] = "contact.email", ["--purpose"] = "marketing.offers", ["--recipient"] = "internal" };
        args[option] = value;

        var result = CliRun.InProcess(["explain", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"octopus-privacy: {message}", line, StringComparison.Ordinal);
        Assert.Contains("the policy declares:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_option_is_a_usage_error()
    {
        var result = CliRun.InProcess("explain", "--category", "contact.email", "--purpose", "marketing.offers");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--recipient", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
