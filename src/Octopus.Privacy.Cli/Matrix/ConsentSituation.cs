namespace Octopus.Privacy.Cli.Matrix;

/// <summary>The four consent situations every table and diff is computed for.</summary>
internal enum ConsentSituation
{
    /// <summary>Nothing recorded: no policy accepted, no purpose granted or withdrawn.</summary>
    NothingRecorded,

    /// <summary>The current policy version accepted, nothing else.</summary>
    Accepted,

    /// <summary>The current version accepted and every purpose explicitly granted, so every opt-in is given.</summary>
    AllGranted,

    /// <summary>The current version accepted and every purpose withdrawn.</summary>
    AllWithdrawn,
}

internal static class ConsentSituations
{
    public static readonly ConsentSituation[] All =
        [ConsentSituation.NothingRecorded, ConsentSituation.Accepted, ConsentSituation.AllGranted, ConsentSituation.AllWithdrawn];

    /// <summary>A short key for machine-readable output.</summary>
    public static string Key(this ConsentSituation situation) => situation switch
    {
        ConsentSituation.NothingRecorded => "nothing-recorded",
        ConsentSituation.Accepted => "accepted",
        ConsentSituation.AllGranted => "all-granted",
        _ => "all-withdrawn",
    };

    /// <summary>A label a person reads.</summary>
    public static string Label(this ConsentSituation situation) => situation switch
    {
        ConsentSituation.NothingRecorded => "nothing recorded",
        ConsentSituation.Accepted => "policy accepted",
        ConsentSituation.AllGranted => "accepted, opt-ins granted",
        _ => "accepted, all withdrawn",
    };

    /// <summary>The consent state of the situation, for a policy and the purposes to grant or withdraw.</summary>
    public static ConsentState StateFor(this ConsentSituation situation, PrivacyPolicy policy, IEnumerable<string> purposes)
    {
        return situation switch
        {
            ConsentSituation.NothingRecorded => ConsentState.None,
            ConsentSituation.Accepted => ConsentState.Create(policy.Version),
            ConsentSituation.AllGranted => ConsentState.Create(policy.Version, granted: purposes),
            _ => ConsentState.Create(policy.Version, withdrawn: purposes),
        };
    }
}
