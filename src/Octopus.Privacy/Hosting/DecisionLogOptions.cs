namespace Octopus.Privacy;

/// <summary>Options of the decision log (<c>AddPrivacyDecisionLog</c>), validated when the host starts.</summary>
public sealed class DecisionLogOptions
{
    /// <summary>
    /// Gets or sets how many entries wait for the background writer at most. When the queue is full (the store is
    /// slow or down), new entries are dropped and counted on <c>octopus.privacy.decision_log.dropped</c>: a decision
    /// never waits for the log.
    /// </summary>
    /// <value>The default is 10,000. It must be between 1 and 1,000,000.</value>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets a value indicating whether denied decisions are recorded too. Permitted disclosures to a recipient
    /// other than <c>internal</c> and <c>subject</c> are always recorded; denials are always counted on
    /// <c>octopus.privacy.decisions</c>.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool RecordDenied { get; set; }

    /// <summary>
    /// Gets or sets how long entries are kept; older ones are deleted by the writer, at start and then hourly.
    /// <see langword="null"/> keeps them until the subject is erased.
    /// </summary>
    /// <value>The default is three years. When set, it must be at least one day.</value>
    public TimeSpan? Retention { get; set; } = TimeSpan.FromDays(3 * 365);
}
