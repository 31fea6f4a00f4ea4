namespace Octopus.Privacy;

/// <summary>Holds the policy in force, and replaces it when its file changes.</summary>
public interface IPrivacyPolicyProvider
{
    /// <summary>
    /// Occurs after every attempt to reload the policy file that read new content (or failed anew), and after every
    /// call to <see cref="Reload"/>. After a file change, handlers run on a thread-pool thread. Each handler is called
    /// on its own: an exception it throws is logged and swallowed, so it stops neither the other handlers nor later
    /// reloads. A handler that keeps a <see cref="PreparedRequest"/> should prepare it again from
    /// <see cref="PolicyReloadedEventArgs.Policy"/>: a prepared request does not follow reloads.
    /// </summary>
    event EventHandler<PolicyReloadedEventArgs>? Reloaded;

    /// <summary>Gets the policy in force. Never a half-loaded one: a new policy replaces the old one atomically.</summary>
    PrivacyPolicy Current { get; }

    /// <summary>Gets the problems of the last reload if it failed, or <see langword="null"/> after a successful one.</summary>
    PolicyValidationException? LastReloadError { get; }

    /// <summary>
    /// Reads the policy file again now, whether or not it changed, and raises <see cref="Reloaded"/>. Never throws for
    /// a bad file: its problems are in <see cref="LastReloadError"/>. Without a policy file, there is nothing to reload.
    /// </summary>
    /// <returns><see langword="true"/> when the file was valid and is now in force; <see langword="false"/> when the policy in force was kept.</returns>
    bool Reload();
}
