namespace Octopus.Privacy;

/// <summary>What a person last said about one purpose.</summary>
public enum ConsentStatus
{
    /// <summary>Nothing was recorded for the purpose.</summary>
    Unknown = 0,

    /// <summary>The person explicitly granted the purpose (opt-in).</summary>
    Granted = 1,

    /// <summary>The person withdrew the purpose (opted out).</summary>
    Withdrawn = 2,
}
