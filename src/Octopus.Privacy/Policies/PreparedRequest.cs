using Octopus.Privacy.Policies.Compilation;
using Octopus.Privacy.Policies.Evaluation;

namespace Octopus.Privacy;

/// <summary>
/// A request whose categories, purpose and recipient were resolved against a policy ahead of time, so that each
/// evaluation only looks at the consent state: no lookups, no allocation, no lock.
/// Get one from <see cref="PrivacyPolicy.Prepare"/>.
/// </summary>
/// <remarks>
/// A prepared request belongs to the policy it was prepared from and keeps deciding by it, even after a newer policy
/// is loaded: with <c>IPrivacyPolicyProvider</c>, prepare again in a <c>Reloaded</c> handler (or compare
/// <c>Current</c> by reference) to follow reloads. <c>default(PreparedRequest)</c> denies everything.
/// </remarks>
public readonly struct PreparedRequest
{
    private readonly AcceptedVersionSet? _acceptedVersions;
    private readonly string? _purpose;
    private readonly PolicyDecision[]? _decisions;

    internal PreparedRequest(AcceptedVersionSet acceptedVersions, string purpose, PolicyDecision[] decisions)
    {
        _acceptedVersions = acceptedVersions;
        _purpose = purpose;
        _decisions = decisions;
    }

    /// <summary>Decides the request for a person's consent state.</summary>
    /// <param name="consent">What the person has agreed to.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is <see langword="null"/>.</exception>
    public PolicyDecision Evaluate(ConsentState consent)
    {
        Throw.IfNull(consent);
        if (_decisions is null)
        {
            return default;
        }

        return _decisions.Length == 1
            ? _decisions[0]
            : _decisions[(int)ConsentLevels.LevelOf(consent, _purpose!, _acceptedVersions!)];
    }
}
