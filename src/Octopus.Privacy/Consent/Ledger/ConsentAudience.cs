using Octopus.Privacy.Policies.Compilation;
using Octopus.Privacy.Policies.Evaluation;

namespace Octopus.Privacy;

/// <summary>
/// Which consent situations a policy permits one use in: a subject's decision depends only on whether its purpose is
/// withdrawn, granted, or neither with a counted policy acceptance, or nothing. Stores turn this into one query over
/// their current-state table.
/// </summary>
internal sealed class ConsentAudience
{
    private readonly bool[] _permitted;
    private readonly AcceptedVersionSet _acceptedVersionSet;

    private ConsentAudience(bool[] permitted, string purpose, PrivacyPolicy policy)
    {
        _permitted = permitted;
        Purpose = purpose;
        AcceptedVersions = policy.AcceptedVersions;
        _acceptedVersionSet = policy.Evaluator.Policy.AcceptedVersions;
    }

    /// <summary>Gets the purpose whose status decides.</summary>
    public string Purpose { get; }

    /// <summary>Gets the policy versions whose acceptance counts.</summary>
    public IReadOnlyList<string> AcceptedVersions { get; }

    /// <summary>Gets a value indicating whether a subject of whom nothing counts (no counted acceptance, nothing for the purpose) is permitted.</summary>
    public bool PermitsNothing => _permitted[(int)ConsentLevel.Nothing];

    /// <summary>Gets a value indicating whether a counted acceptance, with nothing said about the purpose, is permitted.</summary>
    public bool PermitsAccepted => _permitted[(int)ConsentLevel.Accepted];

    /// <summary>Gets a value indicating whether a subject who granted the purpose is permitted.</summary>
    public bool PermitsGranted => _permitted[(int)ConsentLevel.Granted];

    /// <summary>Gets a value indicating whether a subject who withdrew the purpose is permitted.</summary>
    public bool PermitsWithdrawn => _permitted[(int)ConsentLevel.Withdrawn];

    /// <summary>Gets a value indicating whether no subject can be permitted.</summary>
    public bool PermitsNone => Array.TrueForAll(_permitted, p => !p);

    public static ConsentAudience For(PrivacyPolicy policy, IReadOnlyList<string> categories, string purpose, string recipient)
    {
        var permitted = new bool[ConsentLevels.Count];
        if (!Policies.Validation.PolicyNames.IsValid(purpose))
        {
            // Not a purpose any policy declares: the engine denies it for everyone.
            return new ConsentAudience(permitted, purpose, policy);
        }

        var prepared = policy.Prepare(categories, purpose, recipient);
        permitted[(int)ConsentLevel.Nothing] = prepared.Evaluate(ConsentState.None).IsPermitted;
        permitted[(int)ConsentLevel.Withdrawn] = prepared.Evaluate(ConsentState.None.Withdraw(purpose)).IsPermitted;
        permitted[(int)ConsentLevel.Granted] = prepared.Evaluate(ConsentState.None.Grant(purpose)).IsPermitted;
        permitted[(int)ConsentLevel.Accepted] = policy.AcceptedVersions.Count > 0 && prepared.Evaluate(ConsentState.None.AcceptPolicy(policy.AcceptedVersions[0])).IsPermitted;
        return new ConsentAudience(permitted, purpose, policy);
    }

    /// <summary>Whether a subject in this state is permitted: the engine's own consent level of the state.</summary>
    public bool Permits(ConsentState state) => _permitted[(int)ConsentLevels.LevelOf(state, Purpose, _acceptedVersionSet)];
}
