using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Operations;

namespace Octopus.Privacy.Analyzers.Flow
{
    /// <summary>A sink reached by personal data (or a [RequiresConsent] call), with whether a consent check guards it.</summary>
    internal sealed class FlowFinding
    {
        public FlowFinding(IInvocationOperation sink, SinkKind kind, string recipient, ImmutableHashSet<TaintSource> taint, bool guarded, bool requiresConsent)
        {
            Sink = sink;
            Kind = kind;
            Recipient = recipient;
            Taint = taint;
            Guarded = guarded;
            RequiresConsent = requiresConsent;
        }

        public IInvocationOperation Sink { get; }

        public SinkKind Kind { get; }

        /// <summary>Who receives the data, for OPRIV002 messages: "recipient 'processor'", "an HTTP endpoint", ...</summary>
        public string Recipient { get; }

        public ImmutableHashSet<TaintSource> Taint { get; }

        public bool Guarded { get; }

        /// <summary>The call is to a [RequiresConsent] method.</summary>
        public bool RequiresConsent { get; }
    }
}
