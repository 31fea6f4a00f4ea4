using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>A sink reached by personal data (or a [RequiresConsent] call), with whether a consent check guards it.</summary>
    internal sealed class FlowFinding
    {
        public FlowFinding(IOperation sink, string sinkName, SinkKind kind, string recipient, TaintSet taint, bool guarded, bool requiresConsent, bool isException = false)
        {
            Sink = sink;
            SinkName = sinkName;
            Kind = kind;
            Recipient = recipient;
            Taint = taint;
            Guarded = guarded;
            RequiresConsent = requiresConsent;
            IsException = isException;
        }

        /// <summary>The call (or exception creation) where the data leaves.</summary>
        public IOperation Sink { get; }

        /// <summary>The sink as a person reads it: <c>SmtpClient.Send</c>, or <c>Mailer.Welcome → SmtpClient.Send</c> through a callee.</summary>
        public string SinkName { get; }

        public SinkKind Kind { get; }

        /// <summary>Who receives the data, for OPRIV002 messages: "recipient 'processor'", "an HTTP endpoint", ...</summary>
        public string Recipient { get; }

        public TaintSet Taint { get; }

        public bool Guarded { get; }

        /// <summary>The call is to a [RequiresConsent] method.</summary>
        public bool RequiresConsent { get; }

        /// <summary>An exception whose message is built from personal data: it ends up in a log.</summary>
        public bool IsException { get; }

        /// <summary>
        /// While a method is summarized: for each input that reaches this third party, the type of the value it is
        /// sent in, when that is known (see <see cref="SinkEffect.Carrier"/>).
        /// </summary>
        public System.Collections.Generic.Dictionary<int, ITypeSymbol?>? Carriers { get; set; }

        /// <summary>The policy's name for the recipient (<c>internal</c> for a log), or null when the code does not say it.</summary>
        public string? PolicyRecipient { get; set; }

        /// <summary>Where the data goes, as the data map names it.</summary>
        public SinkChannel Channel { get; set; }

        /// <summary>
        /// A consent check succeeded on every path that reaches the sink, whatever it asked about: with <see cref="Guarded"/>
        /// false, a check whose purpose the policy does not link to the use (the data map's <c>policy-conflict</c>).
        /// </summary>
        public bool Checked { get; set; }

        /// <summary>The purposes the checks on the paths that reach the sink asked about, where constants name them; sorted.</summary>
        public ImmutableArray<string> Purposes { get; set; } = ImmutableArray<string>.Empty;

        /// <summary>
        /// Reported at a call for what the callee does: each log or third party it reaches there, its sink named from
        /// the call on (<c>Mailer.Welcome → SmtpClient.Send</c>). A summary keeps them one by one, so that what a caller
        /// reports names each recipient and sink once however many paths lead to it. Empty for a sink of the method's own.
        /// Only each route's recipient, policy name, channel and sink path are read; whether it is guarded is the finding's.
        /// </summary>
        public ImmutableArray<SinkEffect> Routes { get; set; } = ImmutableArray<SinkEffect>.Empty;

        /// <summary>
        /// While a method is summarized: the input that is the object the sink is reached through (a logger the caller
        /// hands over, see <see cref="SinkEffect.ThroughInput"/>); -1 otherwise.
        /// </summary>
        public int Through { get; set; } = -1;

        /// <summary>For the data map: what reached the sink only redacted (a sanitizer, a classified logging parameter).</summary>
        public TaintSet Redacted { get; set; } = Symbols.Taint.Clean;

        /// <summary>This finding, guarded: every call of the method it is in is made where a consent check has succeeded.</summary>
        public FlowFinding GuardedByCallers() =>
            new FlowFinding(Sink, SinkName, Kind, Recipient, Taint, guarded: true, RequiresConsent, IsException)
            {
                Carriers = Carriers,
                PolicyRecipient = PolicyRecipient,
                Channel = Channel,
                Checked = true,
                Purposes = Purposes,
                Routes = Routes,
                Through = Through,
                Redacted = Redacted,
            };
    }
}
