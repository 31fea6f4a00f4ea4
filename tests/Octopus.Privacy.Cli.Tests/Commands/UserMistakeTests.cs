using System.Text.Json.Nodes;

namespace Octopus.Privacy.Cli.Tests.Commands;

/// <summary>Inputs that used to crash the tool or mislead: each now gets one clear line on stderr and exit code 2.</summary>
public sealed class UserMistakeTests : IDisposable
{
    private readonly CliRun _run = new();

    public void Dispose() => _run.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_accepted_version_is_a_usage_error(string version)
    {
        var result = CliRun.InProcess("explain", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "internal", "--accepted", version);

        AssertOneLine(result, "--accepted needs a policy version");
    }

    [Fact]
    public void An_empty_grant_is_a_usage_error()
    {
        var result = CliRun.InProcess("explain", "--category", "contact.email", "--purpose", "marketing.offers", "--recipient", "internal", "--grant", "");

        AssertOneLine(result, "--grant needs a name");
    }

    public static TheoryData<string, string> BadTestFiles() => new()
    {
        { """{"cases":[null]}""", "case 1: a test case must be an object, found null." },
        { """{"cases":[{"categories":["billing"],"purpose":"service.provision","recipient":"internal","expect":"deny","reason":"0"}]}""", "case 1: unknown reason '0'; expected one of: Permitted, " },
        { """{"cases":[{"categories":["billing"],"purpose":"service.provision","recipient":"internal","expect":"deny","reason":"Forbidden, Permitted"}]}""", "unknown reason 'Forbidden, Permitted'" },
        { """{"cases":[{"name":"x","categories":"billing","purpose":"service.provision","recipient":"internal","expect":"deny"}]}""", "case 1 ('x'): 'categories' must be a list of category names, found a string." },
        { """{"cases":[{"categories":["billing"],"purpose":7,"recipient":"internal","expect":"deny"}]}""", "case 1: 'purpose' must be a non-empty string, found a number." },
        { """{"cases":[{"categories":["billing"],"purpose":"service.provision","recipient":"internal","expect":"deny","consent":{"granted":[""]}}]}""", "'consent.granted' must be a list of purpose names, and one entry is an empty string." },
        { """{"cases":[{"categories":["billing"],"purpose":"service.provision","recipient":"internal","expect":"deny","consent":{"accepted":" "}}]}""", "'consent.accepted' must be a non-empty string, found an empty string." },
        { """{"cases":[{"categories":["billing"],"purpose":"service.provision","recipient":"internal","expect":"maybe"}]}""", "case 1: needs 'expect': \"permit\" or \"deny\"." },
        { """{"cases":[{"categories":["billing"],"purpose":"service.provision","recipient":"internal","expect":"deny","bogus":1}]}""", "unknown property 'bogus' in a test case" },
        { """{"cases":{}}""", "'cases' must be a list of test cases, found an object." },
        { """[]""", "the test file must be an object, found an empty list." },
    };

    [Theory]
    [MemberData(nameof(BadTestFiles))]
    public void A_bad_test_file_is_reported_in_its_own_terms(string json, string message)
    {
        var file = _run.Write("cases.json", json);

        var result = CliRun.InProcess("test", file);

        AssertOneLine(result, message);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_of_validate_is_not_taken_for_a_file()
    {
        var result = CliRun.InProcess("validate", "--bogus");

        AssertOneLine(result, "Unrecognized option '--bogus'");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("matrix")]
    public void A_directory_given_as_a_policy_is_reported_as_a_directory(string command)
    {
        var result = command == "validate"
            ? CliRun.InProcess("validate", _run.Directory)
            : CliRun.InProcess("matrix", "--policy", _run.Directory);

        AssertOneLine(result, $"policy file '{_run.Directory}' is a directory, not a file.");
    }

    [Fact]
    public void An_empty_policy_file_gets_the_plain_message()
    {
        var file = _run.Write("empty.json", string.Empty);

        var result = CliRun.InProcess("validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{file}(1,1): error OPP0001: The document is empty; expected a JSON object. [$]", result.OutputLines.Single());
    }

    [Fact]
    public void A_policy_file_with_an_escaped_lone_surrogate_is_a_problem_with_its_position()
    {
        var file = _run.Write("surrogate.json", "{\"name\":\"\\ud800\",\"version\":\"1\"}");

        var validate = CliRun.InProcess("validate", file);
        var matrix = CliRun.InProcess("matrix", "--policy", file);

        Assert.Equal(1, validate.ExitCode);
        Assert.StartsWith($"{file}(1,9): error OPP0001: A string contains an escaped lone surrogate", validate.OutputLines.Single(), StringComparison.Ordinal);
        AssertOneLine(matrix, $"{file}(1,9): invalid policy");
    }

    [Fact]
    public void A_policy_too_large_to_tabulate_is_refused_with_a_reason()
    {
        var document = new JsonObject
        {
            ["name"] = "wide",
            ["version"] = "1",
            ["categories"] = new JsonObject(Enumerable.Range(0, 1000).Select(i => KeyValuePair.Create($"c{i}", (JsonNode?)new JsonObject()))),
            ["purposes"] = new JsonObject(Enumerable.Range(0, 200).Select(i => KeyValuePair.Create($"p{i}", (JsonNode?)new JsonObject { ["consent"] = "none" }))),
            ["recipients"] = new JsonObject(Enumerable.Range(0, 200).Select(i => KeyValuePair.Create($"r{i}", (JsonNode?)new JsonObject()))),
            ["rules"] = new JsonArray(),
        };
        var file = _run.Write("wide.json", document.ToJsonString());

        AssertOneLine(CliRun.InProcess("matrix", "--policy", file), "160,000,000 request classes");
        AssertOneLine(CliRun.InProcess("diff", file, file), "use 'explain' for single requests");
    }

    [Fact]
    public void A_failing_case_prints_its_reason_once()
    {
        var file = _run.Write("cases.json", """
            {"cases":[{"name":"wrong","categories":["contact.email"],"purpose":"marketing.offers","recipient":"processor",
                       "consent":{"accepted":"1.0"},"expect":"permit"}]}
            """);

        var result = CliRun.InProcess("test", file);

        Assert.Equal(1, result.ExitCode);
        var actual = Assert.Single(result.OutputLines, l => l.TrimStart().StartsWith("actual:", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(actual, "ConsentRequired"));
        Assert.Contains("rule no-third-party-contact-without-consent", actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_names_the_tool_and_lists_every_command_as_a_command()
    {
        var result = CliRun.InProcess("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  octopus-privacy [command] [options]", result.OutputLines);
        Assert.DoesNotContain("Octopus.Privacy.Cli", result.Output, StringComparison.Ordinal);
        var commands = result.OutputLines.SkipWhile(l => l != "Commands:").Skip(1).Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.Equal(["explain", "validate", "test", "matrix", "diff", "baseline", "consent", "map"], commands);
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void AssertOneLine(CliRun.Result result, string mentions)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("octopus-privacy: ", line, StringComparison.Ordinal);
        Assert.Contains(mentions, line, StringComparison.Ordinal);
    }
}
