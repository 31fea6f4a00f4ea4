using System.Text.RegularExpressions;

namespace Octopus.Privacy.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public void A_valid_file_prints_OK_and_exits_0()
    {
        using var run = new CliRun();
        var file = run.Write("good.json", PrivacyPolicy.OctopusGroup.ToJson());

        var result = CliRun.InProcess("validate", file);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"{file}: OK", Assert.Single(result.OutputLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_printed_in_the_canonical_build_error_form_and_the_exit_code_is_1()
    {
        using var run = new CliRun();
        var good = run.Write("good.json", PrivacyPolicy.OctopusGroup.ToJson());
        var bad = run.Write("bad.json", """
            {
              "name": "Bad",
              "version": "1",
              "categories": { "x": {} },
              "purposes": { "p": { "consent": "sometimes" } },
              "recipients": { "r": {} },
              "rules": [ { "id": "a", "effect": "allow", "categories": ["y"] } ]
            }
            """);

        var result = CliRun.InProcess("validate", good, bad);

        Assert.Equal(1, result.ExitCode);
        var lines = result.OutputLines;
        Assert.StartsWith($"{good}: OK", lines[0], StringComparison.Ordinal);
        var problems = lines[1..];
        Assert.Equal(3, problems.Length);
        var canonical = new Regex($"^{Regex.Escape(bad)}\\((\\d+),(\\d+)\\): error OPP0001: .+$");
        Assert.All(problems, line => Assert.Matches(canonical, line));
        Assert.Equal(["5", "7", "7"], problems.Select(l => canonical.Match(l).Groups[1].Value));
        Assert.Contains("Unknown consent mode 'sometimes'", problems[0], StringComparison.Ordinal);
        Assert.Contains("[$.rules[0].categories[0]]", string.Join("\n", problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_files_it_checks_the_policy_option_or_the_embedded_default()
    {
        var result = CliRun.InProcess("validate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("OK", result.Output, StringComparison.Ordinal);
    }
}
