namespace Octopus.Privacy;

/// <summary>Holds the policy in force, and replaces it when its file changes.</summary>
public interface IPrivacyPolicyProvider
{
    /// <summary>
    /// Occurs after every attempt to reload the policy file, successful or not. After a file change, handlers run on a
    /// thread-pool thread, and an exception a handler throws there is swallowed so that it cannot end the process.
    /// </summary>
    event EventHandler<PolicyReloadedEventArgs>? Reloaded;

    /// <summary>Gets the policy in force. Never a half-loaded one: a new policy replaces the old one atomically.</summary>
    PrivacyPolicy Current { get; }

    /// <summary>Gets the problems of the last reload if it failed, or <see langword="null"/> after a successful one.</summary>
    PolicyValidationException? LastReloadError { get; }

    /// <summary>Reads the policy file again now. Without a policy file, there is nothing to reload.</summary>
    /// <returns><see langword="true"/> when the file was valid and is now in force; <see langword="false"/> when the policy in force was kept.</returns>
    bool Reload();
}
