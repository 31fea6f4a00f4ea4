namespace Octopus.Privacy;

/// <summary>Options of <c>AddOctopusPrivacy</c>, validated when the host starts.</summary>
public sealed class PrivacyOptions
{
    /// <summary>Gets or sets the path of a JSON policy file to use instead of the embedded default.</summary>
    /// <value>The default is <see langword="null"/>: the embedded Octopus Group policy (<see cref="PrivacyPolicy.OctopusGroup"/>).</value>
    public string? PolicyPath { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether changes to <see cref="PolicyPath"/> are picked up without a restart,
    /// including a Kubernetes ConfigMap update (its <c>..data</c> link swapped) and the file's directory deleted and
    /// created again. Every reload is logged through <c>ILogger</c> when logging is registered.
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

    /// <summary>
    /// Gets or sets a value indicating whether the policy file is watched by polling its directory instead of by
    /// file-system events. Use it where events do not arrive: some network shares, container volumes and virtual
    /// machine mounts. Polling looks every four seconds (the interval of
    /// <c>Microsoft.Extensions.FileProviders.PhysicalFileProvider</c>).
    /// </summary>
    /// <value>The default is <see langword="false"/>: file-system events.</value>
    public bool UsePollingFileWatcher { get; set; }

    /// <summary>
    /// Gets or sets how long the guard keeps a subject's consent snapshot read from the consent ledger before reading
    /// it again. An append through the same process drops the subject's snapshot at once; appends by other processes
    /// are seen within this time. <see cref="TimeSpan.Zero"/> turns the cache off: every decision by subject reads the
    /// ledger.
    /// </summary>
    /// <value>The default is one second. It must be between zero and one hour.</value>
    public TimeSpan ConsentCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many subjects' snapshots the guard keeps at most; past it, the oldest half is dropped.</summary>
    /// <value>The default is 100,000. It must be at least 1.</value>
    public int ConsentCacheSize { get; set; } = 100_000;
}
