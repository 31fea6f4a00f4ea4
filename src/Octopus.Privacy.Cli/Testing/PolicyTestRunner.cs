using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Testing;

/// <summary>Runs the cases of policy test files and reports each failure with what was expected and what came.</summary>
internal static class PolicyTestRunner
{
    public static (int Passed, int Failed) Run(string path, Func<PrivacyPolicy> defaultPolicy, TextWriter output)
    {
        var file = PolicyTestFileReader.Read(path);
        var policy = file.Policy is null or "default"
            ? defaultPolicy()
            : CliContext.LoadPolicy(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, file.Policy));
        output.WriteLine($"{CliText.Printable(path)}: {file.Cases.Count} cases against {CliText.Printable(policy.Name)} {CliText.Printable(policy.Version)}");

        var passed = 0;
        var failed = 0;
        foreach (var testCase in file.Cases)
        {
            var request = new DataUseRequest(testCase.Categories, testCase.Purpose, testCase.Recipient) { Consent = testCase.Consent.ToState() };
            var decision = policy.Evaluate(request);
            var failures = Check(testCase, decision);
            if (failures.Count == 0)
            {
                passed++;
                continue;
            }

            failed++;
            output.WriteLine($"FAIL {CliText.Printable(testCase.Name)}");
            output.WriteLine($"  request:  {string.Join(", ", request.Categories)} for {request.Purpose} to {request.Recipient}; consent: {testCase.Consent}");
            foreach (var failure in failures)
            {
                output.WriteLine($"  {CliText.Printable(failure)}");
            }

            output.WriteLine($"  actual:   {CliText.Printable(DecisionText.Short(decision) + DecisionText.Provenance(decision))}");
            output.WriteLine($"            {CliText.Printable(decision.Explanation)}");
        }

        return (passed, failed);
    }

    private static List<string> Check(PolicyTestCase testCase, PolicyDecision decision)
    {
        var failures = new List<string>();
        if (decision.IsPermitted != testCase.ExpectPermit)
        {
            failures.Add($"expected: {(testCase.ExpectPermit ? "permit" : "deny")}");
        }

        if (testCase.Reason is { } reason && decision.Reason != reason)
        {
            failures.Add($"expected reason: {reason}");
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
