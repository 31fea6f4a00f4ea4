namespace Octopus.Privacy.Cli.Tests.Commands;

/// <summary>Mistakes a user can make get one clear line on stderr and exit code 2, never a stack trace.</summary>
public sealed class ErrorHandlingTests
{
    public static TheoryData<string[], string> Mistakes()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");
        return new()
        {
            { ["explain", "--bogus"], "--bogus" },
            { ["frobnicate"], "frobnicate" },
            { [], "command" },
            { ["matrix", "--policy", missing], $"policy file '{missing}' does not exist" },
            { ["validate", missing], $"policy file '{missing}' does not exist" },
            { ["test", missing], $"test file '{missing}' does not exist" },
            { ["diff", missing, missing], "does not exist" },
            { ["matrix", "--format", "pdf"], "pdf" },
        };
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_gets_one_line_and_exit_code_2(string[] args, string mentions)
    {
        var result = CliRun.InProcess(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("octopus-privacy: ", line, StringComparison.Ordinal);
        Assert.Contains(mentions, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_policy_file_gets_one_line_with_its_position()
    {
        using var run = new CliRun();
        var policy = run.Write("broken.json", "{ \"name\": \"x\",\n  \"version\": }");

        var result = CliRun.InProcess("matrix", "--policy", policy);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"octopus-privacy: {policy}(2,", line, StringComparison.Ordinal);
        Assert.Contains("Malformed JSON", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_tool_runs_as_a_process_with_the_same_exit_codes_and_no_stack_traces()
    {
        var permit = CliRun.AsProcess("explain", "--category", "aggregate", "--purpose", "advertising.tailored", "--recipient", "associate");
        var deny = CliRun.AsProcess("explain", "--category", "billing", "--purpose", "marketing.offers", "--recipient", "internal", "--accepted", "1.0");
        var mistake = CliRun.AsProcess("explain", "--category", "ssn", "--purpose", "marketing.offers", "--recipient", "internal");
        var unknownOption = CliRun.AsProcess("validate", "--nope");

        Assert.Equal(0, permit.ExitCode);
        Assert.Contains("Decision:    permit", permit.Output, StringComparison.Ordinal);
        Assert.Equal(3, deny.ExitCode);
        Assert.Contains("Reason:      Forbidden", deny.Output, StringComparison.Ordinal);
        Assert.Equal(2, mistake.ExitCode);
        Assert.Equal(2, unknownOption.ExitCode);
        foreach (var error in new[] { mistake.Error, unknownOption.Error })
        {
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
    }
}
