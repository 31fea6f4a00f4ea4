namespace Octopus.Privacy.Cli.Testing;

/// <summary>A file of policy unit tests: the policy it tests and its cases.</summary>
internal sealed class PolicyTestFile
{
    /// <summary>Gets or sets the policy file, relative to the test file; absent or <c>"default"</c> for the embedded default (or <c>--policy</c>).</summary>
    public string? Policy { get; set; }

    public List<PolicyTestCase>? Cases { get; set; }
}

/// <summary>One request and what the policy must answer.</summary>
internal sealed class PolicyTestCase
{
    public string? Name { get; set; }

    public List<string>? Categories { get; set; }

    public string? Purpose { get; set; }

    public string? Recipient { get; set; }

    public TestConsent? Consent { get; set; }

    /// <summary>Gets or sets <c>"permit"</c> or <c>"deny"</c>.</summary>
    public string? Expect { get; set; }

    /// <summary>Gets or sets the expected <see cref="DecisionReason"/>, optionally.</summary>
    public string? Reason { get; set; }

    /// <summary>Gets or sets the expected obligations, exactly and in order, optionally.</summary>
    public List<string>? Obligations { get; set; }

    /// <summary>Gets or sets the expected deciding rule, optionally.</summary>
    public string? Rule { get; set; }
}

/// <summary>A consent state: the accepted version, then the grants, then the withdrawals.</summary>
internal sealed class TestConsent
{
    public string? Accepted { get; set; }

    public List<string>? Granted { get; set; }

    public List<string>? Withdrawn { get; set; }

    public ConsentState ToState()
    {
        var state = ConsentState.None;
        if (Accepted is not null)
        {
            state = state.AcceptPolicy(Accepted);
        }

        foreach (var purpose in Granted ?? [])
        {
            state = state.Grant(purpose);
        }

        foreach (var purpose in Withdrawn ?? [])
        {
            state = state.Withdraw(purpose);
        }

        return state;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Accepted is not null)
        {
            parts.Add($"accepted {Accepted}");
        }

        if (Granted is { Count: > 0 })
        {
            parts.Add($"granted {string.Join(", ", Granted)}");
        }

        if (Withdrawn is { Count: > 0 })
        {
            parts.Add($"withdrew {string.Join(", ", Withdrawn)}");
        }

        return parts.Count == 0 ? "nothing recorded" : string.Join("; ", parts);
    }
}
