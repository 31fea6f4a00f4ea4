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

    private static readonly Meter Meter = new(MeterName, typeof(PrivacyTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly string[] ReasonNames = Enum.GetNames<DecisionReason>();

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(DecisionsName, unit: "{decision}", description: "Decisions made by the privacy guard and the consent-aware redaction.");

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
