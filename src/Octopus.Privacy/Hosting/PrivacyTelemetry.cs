using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Octopus.Privacy;

/// <summary>
/// The library's metrics: the meter <c>Octopus.Privacy</c> and its counter <c>octopus.privacy.decisions</c>, one per
/// decision made through <see cref="IPrivacyGuard"/> or the consent-aware redaction, tagged with the outcome, the
/// reason, the purpose and the recipient. No tag carries a subject id or a personal value. The prepared path
/// (<see cref="PreparedRequest.Evaluate"/>) is not counted and pays nothing.
/// </summary>
internal static class PrivacyTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Octopus.Privacy";

    /// <summary>The decision counter's name.</summary>
    public const string DecisionsName = "octopus.privacy.decisions";

    /// <summary>The counter of decision-log entries dropped: the writer's queue was full, or the store failed.</summary>
    public const string DecisionLogDroppedName = "octopus.privacy.decision_log.dropped";

    /// <summary>The counter of decision-log entries the store acknowledged.</summary>
    public const string DecisionLogWrittenName = "octopus.privacy.decision_log.written";

    private static readonly Meter Meter = new(MeterName, typeof(PrivacyTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly string[] ReasonNames = Enum.GetNames<DecisionReason>();

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(DecisionsName, unit: "{decision}", description: "Decisions made by the privacy guard and the consent-aware redaction.");

    private static readonly Counter<long> DecisionLogDropped = Meter.CreateCounter<long>(DecisionLogDroppedName, unit: "{entry}", description: "Decision-log entries dropped because the writer's queue was full or the store failed; decisions never wait for the log.");

    private static readonly Counter<long> DecisionLogWritten = Meter.CreateCounter<long>(DecisionLogWrittenName, unit: "{entry}", description: "Decision-log entries written to the consent ledger's store.");

    /// <summary>Counts entries the decision log dropped, tagged with why: <c>queue_full</c> or <c>write_failed</c>.</summary>
    public static void CountDropped(long count, string reason)
    {
        if (DecisionLogDropped.Enabled)
        {
            DecisionLogDropped.Add(count, new KeyValuePair<string, object?>("octopus.privacy.drop_reason", reason));
        }
    }

    /// <summary>Counts entries the decision log wrote.</summary>
    public static void CountWritten(long count) => DecisionLogWritten.Add(count);

    /// <summary>Counts a decision; nothing is allocated when no listener is attached.</summary>
    public static void Count(PolicyDecision decision, string? purpose, string? recipient)
    {
        if (!Decisions.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "octopus.privacy.decision", decision.IsPermitted ? "permit" : "deny" },
            { "octopus.privacy.reason", ReasonName(decision.Reason) },
            { "octopus.privacy.purpose", purpose },
            { "octopus.privacy.recipient", recipient },
        };
        Decisions.Add(1, in tags);
    }

    private static string ReasonName(DecisionReason reason) =>
        (uint)reason < (uint)ReasonNames.Length ? ReasonNames[(int)reason] : reason.ToString();
}
