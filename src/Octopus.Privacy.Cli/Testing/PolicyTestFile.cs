namespace Octopus.Privacy.Cli.Testing;

/// <summary>A file of policy unit tests: the policy it tests and its cases.</summary>
/// <param name="Policy">The policy file, relative to the test file; null or <c>"default"</c> for the embedded default (or <c>--policy</c>).</param>
/// <param name="Cases">The cases, in file order.</param>
internal sealed record PolicyTestFile(string? Policy, IReadOnlyList<PolicyTestCase> Cases);

/// <summary>One request and what the policy must answer.</summary>
/// <param name="Name">The case's name, or <c>case N</c>.</param>
/// <param name="Categories">The data categories of the request; at least one.</param>
/// <param name="Purpose">The purpose of the request.</param>
/// <param name="Recipient">The recipient of the request.</param>
/// <param name="Consent">The person's consent, as the file states it.</param>
/// <param name="ExpectPermit">Whether the case expects a permit.</param>
/// <param name="Reason">The expected reason, optionally.</param>
/// <param name="Obligations">The expected obligations, exactly and in order, optionally.</param>
/// <param name="Rule">The expected deciding rule, optionally.</param>
internal sealed record PolicyTestCase(
    string Name,
    IReadOnlyList<string> Categories,
    string Purpose,
    string Recipient,
    TestConsent Consent,
    bool ExpectPermit,
    DecisionReason? Reason,
    IReadOnlyList<string>? Obligations,
    string? Rule);

/// <summary>A consent state as a test file states it: the accepted version, then the grants, then the withdrawals.</summary>
internal sealed record TestConsent(string? Accepted, IReadOnlyList<string> Granted, IReadOnlyList<string> Withdrawn)
{
    public static TestConsent Nothing { get; } = new(null, [], []);

    public ConsentState ToState() => ConsentState.Create(Accepted, Granted, Withdrawn);

    public override string ToString()
    {
        var parts = new List<string>();
        if (Accepted is not null)
        {
            parts.Add($"accepted {Accepted}");
        }

        if (Granted.Count > 0)
        {
            parts.Add($"granted {string.Join(", ", Granted)}");
        }

        if (Withdrawn.Count > 0)
        {
            parts.Add($"withdrew {string.Join(", ", Withdrawn)}");
        }

        return parts.Count == 0 ? "nothing recorded" : string.Join("; ", parts);
    }
}
