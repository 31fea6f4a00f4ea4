using Octopus.Privacy.Policies.Validation;

namespace Octopus.Privacy;

/// <summary>One thing a person said about their consent: accept a policy version, grant or withdraw a purpose.</summary>
/// <param name="Action">What the person did.</param>
/// <param name="Value">The policy version (for <see cref="ConsentAction.AcceptPolicy"/>) or the purpose.</param>
public sealed record ConsentChange(ConsentAction Action, string Value)
{
    /// <summary>The person accepted this version of the privacy policy.</summary>
    /// <param name="version">The policy version, for example <c>1.0</c>.</param>
    /// <returns>The change.</returns>
    /// <exception cref="ArgumentException"><paramref name="version"/> is not a policy name (<c>[a-z0-9-]+</c> segments separated by dots).</exception>
    public static ConsentChange AcceptPolicy(string version) => Checked(ConsentAction.AcceptPolicy, version, nameof(version));

    /// <summary>The person explicitly agreed to this purpose.</summary>
    /// <param name="purpose">The purpose, for example <c>marketing.offers</c>.</param>
    /// <returns>The change.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not a policy name.</exception>
    public static ConsentChange Grant(string purpose) => Checked(ConsentAction.Grant, purpose, nameof(purpose));

    /// <summary>The person took back this purpose.</summary>
    /// <param name="purpose">The purpose, for example <c>marketing.offers</c>.</param>
    /// <returns>The change.</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is not a policy name.</exception>
    public static ConsentChange Withdraw(string purpose) => Checked(ConsentAction.Withdraw, purpose, nameof(purpose));


    /// <summary>Why the change cannot be recorded, or null.</summary>
    internal string? Problem() =>
        !Enum.IsDefined(Action) ? $"the action {(int)Action} is not a ConsentAction"
        : !PolicyNames.IsValid(Value) ? $"'{Value}' is not a valid {(Action == ConsentAction.AcceptPolicy ? "policy version" : "purpose")} (segments of a-z, 0-9 and '-', separated by dots)"
        : null;

    /// <summary>Why the policy does not let the change be recorded: a purpose it does not define, a version it does not accept; or null.</summary>
    internal string? ProblemUnder(PrivacyPolicy policy)
    {
        if (Action == ConsentAction.AcceptPolicy)
        {
            return policy.AcceptedVersions.Contains(Value, StringComparer.Ordinal)
                ? null
                : $"the policy '{policy.Name}' does not list the version '{Value}' (it accepts: {string.Join(", ", policy.AcceptedVersions)})";
        }

        foreach (var purpose in policy.Purposes)
        {
            if (string.Equals(purpose.Name, Value, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return $"the policy '{policy.Name}' {policy.Version} does not define the purpose '{Value}'";
    }

    /// <summary>
    /// Folds changes, in order, into a state: the one fold every consent ledger applies to a subject's records (and
    /// that a store written elsewhere should apply), with <see cref="ApplyTo"/> for each.
    /// </summary>
    /// <param name="changes">The changes, in order.</param>
    /// <param name="state">The state to start from; <see langword="null"/> for <see cref="ConsentState.None"/>.</param>
    /// <returns>The state after the changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A change is null or its action is not a <see cref="ConsentAction"/>.</exception>
    public static ConsentState Fold(IEnumerable<ConsentChange> changes, ConsentState? state = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        state ??= ConsentState.None;
        foreach (var change in changes)
        {
            state = (change ?? throw new ArgumentException("A change is null.", nameof(changes))).ApplyTo(state);
        }

        return state;
    }

    /// <summary>
    /// Returns the state after this change, with <see cref="ConsentState"/>'s own methods: accepting a version
    /// replaces the accepted one; a grant or a withdrawal replaces what was said about the purpose.
    /// </summary>
    /// <param name="state">The state before.</param>
    /// <returns>A new state; <paramref name="state"/> is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The action is not a <see cref="ConsentAction"/>, or the value is empty.</exception>
    public ConsentState ApplyTo(ConsentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Action switch
        {
            ConsentAction.AcceptPolicy => state.AcceptPolicy(Value),
            ConsentAction.Grant => state.Grant(Value),
            ConsentAction.Withdraw => state.Withdraw(Value),
            _ => throw new ArgumentException($"The action {(int)Action} is not a ConsentAction.", nameof(state)),
        };
    }

    private static ConsentChange Checked(ConsentAction action, string value, string paramName)
    {
        var change = new ConsentChange(action, value);
        if (change.Problem() is { } problem)
        {
            throw new ArgumentException($"Cannot record the change: {problem}.", paramName);
        }

        return change;
    }
}
