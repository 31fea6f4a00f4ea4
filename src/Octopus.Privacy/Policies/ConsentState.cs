using System.Text;

namespace Octopus.Privacy;

/// <summary>
/// What one person has agreed to: the policy version they accepted and, per purpose, whether they granted or
/// withdrew it. Immutable: every method returns a new state, so a state can be shared between threads freely.
/// </summary>
/// <remarks>
/// <para>
/// For each purpose the latest action wins: <c>Grant</c> after <c>Withdraw</c> grants, <c>Withdraw</c> after
/// <c>Grant</c> withdraws. Accepting a policy version replaces any version accepted before.
/// </para>
/// <para>The words of consent, as the whole library uses them:</para>
/// <list type="table">
/// <listheader><term>Term</term><description>Meaning</description></listheader>
/// <item><term>accepted</term><description>The person accepted a version of the privacy policy
/// (<see cref="AcceptPolicy"/>). It counts when the version is in the policy's <c>acceptedVersions</c>, and it meets
/// purposes whose consent mode is <c>opt-out</c>.</description></item>
/// <item><term>granted</term><description>The person explicitly agreed to one purpose (<see cref="Grant"/>,
/// <see cref="ConsentStatus.Granted"/>). It meets every consent mode, <c>opt-in</c> included.</description></item>
/// <item><term>withdrawn</term><description>The person took back one purpose (<see cref="Withdraw"/>,
/// <see cref="ConsentStatus.Withdrawn"/>). For that purpose it overrides an acceptance, so it meets only
/// <c>none</c>.</description></item>
/// <item><term>nothing recorded</term><description>Neither a counted acceptance nor anything for the purpose
/// (<see cref="ConsentStatus.Unknown"/>, <see cref="None"/>). It meets only <c>none</c>.</description></item>
/// <item><term>consent mode</term><description>What a purpose (or a rule, which may raise it) needs:
/// <see cref="ConsentMode.None"/>, <see cref="ConsentMode.OptOut"/> (an acceptance, not withdrawn) or
/// <see cref="ConsentMode.OptIn"/> (a grant). Non-personal categories need no consent.</description></item>
/// </list>
/// </remarks>
public sealed class ConsentState
{
    // Few purposes are recorded per person, so a linear scan over an array beats hashing;
    // past this many entries a dictionary is built once per state.
    private const int LinearScanLimit = 8;

    private readonly string[] _purposes;
    private readonly ConsentStatus[] _statuses;
    private readonly Dictionary<string, ConsentStatus>? _index;

    private ConsentState(string? acceptedPolicyVersion, string[] purposes, ConsentStatus[] statuses)
    {
        AcceptedPolicyVersion = acceptedPolicyVersion;
        _purposes = purposes;
        _statuses = statuses;
        if (purposes.Length > LinearScanLimit)
        {
            _index = new Dictionary<string, ConsentStatus>(purposes.Length, StringComparer.Ordinal);
            for (var i = 0; i < purposes.Length; i++)
            {
                _index.Add(purposes[i], statuses[i]);
            }
        }
    }

    /// <summary>Gets the state of a person of whom nothing is recorded: no policy accepted, no purpose granted.</summary>
    public static ConsentState None { get; } = new(null, [], []);

    /// <summary>Gets the policy version the person accepted last, or <see langword="null"/> if none.</summary>
    public string? AcceptedPolicyVersion { get; }

    /// <summary>Gets the number of purposes with a recorded status.</summary>
    public int RecordedPurposeCount => _purposes.Length;

    /// <summary>Gets the purposes with a recorded status (<see cref="StatusOf"/> says which), in the order first recorded.</summary>
    public IReadOnlyList<string> RecordedPurposes => Array.AsReadOnly(_purposes);

    /// <summary>
    /// Builds a state from what a person said, applied in this order: the accepted version, then the grants, then the
    /// withdrawals (so a purpose both granted and withdrawn ends withdrawn).
    /// </summary>
    /// <param name="acceptedPolicyVersion">The accepted policy version, or <see langword="null"/> when none.</param>
    /// <param name="granted">The purposes explicitly granted, or <see langword="null"/>.</param>
    /// <param name="withdrawn">The purposes withdrawn, or <see langword="null"/>.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentException">The version or a purpose is empty or white space.</exception>
    public static ConsentState Create(string? acceptedPolicyVersion, IEnumerable<string>? granted = null, IEnumerable<string>? withdrawn = null)
    {
        var state = acceptedPolicyVersion is null ? None : None.AcceptPolicy(acceptedPolicyVersion);
        foreach (var purpose in granted ?? [])
        {
            state = state.Grant(purpose);
        }

        foreach (var purpose in withdrawn ?? [])
        {
            state = state.Withdraw(purpose);
        }

        return state;
    }

    /// <summary>Returns a state in which the person has accepted the given policy version.</summary>
    /// <param name="version">The accepted policy version.</param>
    /// <returns>A new state; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="version"/> is null, empty or white space.</exception>
    public ConsentState AcceptPolicy(string version)
    {
        Throw.IfNullOrWhiteSpace(version);
        return new ConsentState(version, _purposes, _statuses);
    }

    /// <summary>Returns a state in which the person has explicitly granted the purpose.</summary>
    /// <param name="purpose">The purpose name, for example <c>marketing.offers</c>.</param>
    /// <returns>A new state; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null, empty or white space.</exception>
    public ConsentState Grant(string purpose) => With(purpose, ConsentStatus.Granted);

    /// <summary>Returns a state in which the person has withdrawn the purpose.</summary>
    /// <param name="purpose">The purpose name, for example <c>marketing.offers</c>.</param>
    /// <returns>A new state; this one is unchanged.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null, empty or white space.</exception>
    public ConsentState Withdraw(string purpose) => With(purpose, ConsentStatus.Withdrawn);

    /// <summary>Gets what the person last said about the purpose.</summary>
    /// <param name="purpose">The purpose name.</param>
    /// <returns>The recorded status, or <see cref="ConsentStatus.Unknown"/> when nothing is recorded.</returns>
    public ConsentStatus StatusOf(string purpose)
    {
        if (purpose is null)
        {
            return ConsentStatus.Unknown;
        }

        if (_index is not null)
        {
            return _index.TryGetValue(purpose, out var status) ? status : ConsentStatus.Unknown;
        }

        var purposes = _purposes;
        for (var i = 0; i < purposes.Length; i++)
        {
            if (string.Equals(purposes[i], purpose, StringComparison.Ordinal))
            {
                return _statuses[i];
            }
        }

        return ConsentStatus.Unknown;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder("ConsentState { accepted: ");
        text.Append(AcceptedPolicyVersion ?? "none");
        for (var i = 0; i < _purposes.Length; i++)
        {
            text.Append(", ").Append(_purposes[i]).Append(": ").Append(_statuses[i]);
        }

        return text.Append(" }").ToString();
    }

    private ConsentState With(string purpose, ConsentStatus status)
    {
        Throw.IfNullOrWhiteSpace(purpose);
        var existing = Array.IndexOf(_purposes, purpose);
        if (existing >= 0)
        {
            if (_statuses[existing] == status)
            {
                return this;
            }

            var statuses = (ConsentStatus[])_statuses.Clone();
            statuses[existing] = status;
            return new ConsentState(AcceptedPolicyVersion, _purposes, statuses);
        }

        var newPurposes = new string[_purposes.Length + 1];
        var newStatuses = new ConsentStatus[_statuses.Length + 1];
        _purposes.CopyTo(newPurposes, 0);
        _statuses.CopyTo(newStatuses, 0);
        newPurposes[^1] = purpose;
        newStatuses[^1] = status;
        return new ConsentState(AcceptedPolicyVersion, newPurposes, newStatuses);
    }
}
