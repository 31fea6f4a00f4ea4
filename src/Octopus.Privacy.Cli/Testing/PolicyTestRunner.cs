using System.Text.Json;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Testing;

/// <summary>Runs the cases of policy test files and reports each failure with what was expected and what came.</summary>
internal static class PolicyTestRunner
{
    public static (int Passed, int Failed) Run(string path, Func<PrivacyPolicy> defaultPolicy, TextWriter output)
    {
        var file = Read(path);
        var policy = file.Policy is null or "default"
            ? defaultPolicy()
            : CliContext.LoadPolicy(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, file.Policy));
        var cases = file.Cases ?? throw new CliException($"{path}: the test file has no 'cases'.");
        output.WriteLine($"{path}: {cases.Count} cases against {policy.Name} {policy.Version}");

        var passed = 0;
        var failed = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var testCase = cases[i];
            var name = testCase.Name ?? $"case {i + 1}";
            var request = ToRequest(path, i, testCase);
            var decision = policy.Evaluate(request);
            var failures = Check(testCase, decision);
            if (failures.Count == 0)
            {
                passed++;
                continue;
            }

            failed++;
            output.WriteLine($"FAIL {name}");
            output.WriteLine($"  request:  {string.Join(", ", request.Categories)} for {request.Purpose} to {request.Recipient}; consent: {testCase.Consent?.ToString() ?? "nothing recorded"}");
            foreach (var failure in failures)
            {
                output.WriteLine($"  {failure}");
            }

            output.WriteLine($"  actual:   {DecisionText.Short(decision)}; {DecisionText.Detail(decision)}");
            output.WriteLine($"            {decision.Explanation}");
        }

        return (passed, failed);
    }

    private static PolicyTestFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"test file '{path}' does not exist.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, CliJsonContext.Default.PolicyTestFile)
                ?? throw new CliException($"{path}: the test file is empty.");
        }
        catch (JsonException ex)
        {
            var position = ex.LineNumber is { } line ? $"({line + 1},{(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            throw new CliException($"{path}{position}: malformed test file: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}", ex);
        }
    }

    private static DataUseRequest ToRequest(string path, int index, PolicyTestCase testCase)
    {
        if (testCase.Categories is not { Count: > 0 } || testCase.Purpose is null || testCase.Recipient is null)
        {
            throw new CliException($"{path}: case {index + 1} needs 'categories' (at least one), 'purpose' and 'recipient'.");
        }

        if (testCase.Expect is not ("permit" or "deny"))
        {
            throw new CliException($"{path}: case {index + 1} needs 'expect': \"permit\" or \"deny\".");
        }

        if (testCase.Reason is not null && !Enum.TryParse<DecisionReason>(testCase.Reason, ignoreCase: false, out _))
        {
            throw new CliException($"{path}: case {index + 1}: unknown reason '{testCase.Reason}'; expected one of: {string.Join(", ", Enum.GetNames<DecisionReason>())}.");
        }

        try
        {
            return new DataUseRequest(testCase.Categories, testCase.Purpose, testCase.Recipient) { Consent = testCase.Consent?.ToState() ?? ConsentState.None };
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"{path}: case {index + 1}: {ex.Message}", ex);
        }
    }

    private static List<string> Check(PolicyTestCase testCase, PolicyDecision decision)
    {
        var failures = new List<string>();
        var expectPermit = testCase.Expect == "permit";
        if (decision.IsPermitted != expectPermit)
        {
            failures.Add($"expected: {testCase.Expect}");
        }

        if (testCase.Reason is not null && decision.Reason.ToString() != testCase.Reason)
        {
            failures.Add($"expected reason: {testCase.Reason}");
        }

        if (testCase.Rule is not null && decision.RuleId != testCase.Rule)
        {
            failures.Add($"expected rule: {testCase.Rule}");
        }

        if (testCase.Obligations is not null && !decision.Obligations.SequenceEqual(testCase.Obligations, StringComparer.Ordinal))
        {
            failures.Add($"expected obligations: [{string.Join(", ", testCase.Obligations)}]");
        }

        return failures;
    }
}
