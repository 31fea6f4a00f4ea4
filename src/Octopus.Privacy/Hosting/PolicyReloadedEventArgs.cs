namespace Octopus.Privacy;

/// <summary>What an attempt to reload the policy file came to.</summary>
public sealed class PolicyReloadedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="PolicyReloadedEventArgs"/> class.</summary>
    /// <param name="policy">The policy in force after the attempt.</param>
    /// <param name="error">The problems of the new file, or <see langword="null"/> when it was swapped in.</param>
    public PolicyReloadedEventArgs(PrivacyPolicy policy, PolicyValidationException? error)
    {
        Policy = Throw.IfNull(policy);
        Error = error;
    }

    /// <summary>Gets the policy in force after the attempt: the new one on success, the previous one on failure.</summary>
    public PrivacyPolicy Policy { get; }

    /// <summary>Gets the problems of the new file, or <see langword="null"/> when it was swapped in.</summary>
    public PolicyValidationException? Error { get; }

    /// <summary>Gets a value indicating whether the new file was swapped in.</summary>
    public bool Succeeded => Error is null;
}
