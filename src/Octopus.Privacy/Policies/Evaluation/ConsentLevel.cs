using Octopus.Privacy.Policies.Compilation;

namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>
/// Everything the consent state can mean for one purpose. A decision depends on the consent state only through
/// this value, which is why a prepared request can hold one decision per level.
/// </summary>
internal enum ConsentLevel
{
    /// <summary>Nothing recorded for the purpose, and no listed policy version accepted. Meets <c>none</c> only.</summary>
    Nothing = 0,

    /// <summary>A listed policy version accepted, the purpose not withdrawn. Meets <c>none</c> and <c>opt-out</c>.</summary>
    Accepted = 1,

    /// <summary>The purpose explicitly granted. Meets every mode.</summary>
    Granted = 2,

    /// <summary>The purpose withdrawn. Meets <c>none</c> only.</summary>
    Withdrawn = 3,
}

internal static class ConsentLevels
{
    public const int Count = 4;

    /// <summary>What a person's consent state means for one purpose under a policy's accepted versions.</summary>
    public static ConsentLevel LevelOf(ConsentState consent, string purpose, AcceptedVersionSet acceptedVersions) =>
        consent.StatusOf(purpose) switch
        {
            ConsentStatus.Withdrawn => ConsentLevel.Withdrawn,
            ConsentStatus.Granted => ConsentLevel.Granted,
            _ => acceptedVersions.Contains(consent.AcceptedPolicyVersion) ? ConsentLevel.Accepted : ConsentLevel.Nothing,
        };

    public static bool Meets(this ConsentLevel level, ConsentMode mode) => mode switch
    {
        ConsentMode.None => true,
        ConsentMode.OptOut => level is ConsentLevel.Accepted or ConsentLevel.Granted,
        _ => level == ConsentLevel.Granted,
    };
}
