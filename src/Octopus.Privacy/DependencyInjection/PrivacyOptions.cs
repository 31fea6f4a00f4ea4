namespace Octopus.Privacy;

/// <summary>Options of <c>AddOctopusPrivacy</c>, validated when the host starts.</summary>
public sealed class PrivacyOptions
{
    /// <summary>Gets or sets the path of a JSON policy file to use instead of the embedded default.</summary>
    /// <value>The default is <see langword="null"/>: the embedded Octopus Group policy (<see cref="PrivacyPolicy.OctopusGroup"/>).</value>
    public string? PolicyPath { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether changes to <see cref="PolicyPath"/> are picked up without a restart.
    /// A changed file is swapped in atomically when valid; an invalid one keeps the policy in force and is reported
    /// through <see cref="IPrivacyPolicyProvider.Reloaded"/> and <see cref="IPrivacyPolicyProvider.LastReloadError"/>.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WatchPolicyFile { get; set; } = true;

    /// <summary>
    /// Gets or sets how long to wait after the last change to the policy file before reading it, so that a file
    /// being written is read once, complete.
    /// </summary>
    /// <value>The default is 250 milliseconds. It must be between zero and one minute.</value>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
