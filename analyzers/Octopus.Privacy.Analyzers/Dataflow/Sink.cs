using System;
using Microsoft.CodeAnalysis.Operations;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// What a call is as a sink, as data: its kind (a log, a third party), who receives what it is given (as messages
    /// name them, and as the policy names them where the code says so), and which of its arguments leave.
    /// </summary>
    internal sealed class Sink
    {
        public static readonly Sink None = new Sink(SinkKind.None, string.Empty, null, null);

        public Sink(SinkKind kind, string recipient, string? policyRecipient, Func<IArgumentOperation, bool>? relevant)
        {
            Kind = kind;
            Recipient = recipient;
            PolicyRecipient = policyRecipient;
            Relevant = relevant;
        }

        /// <summary>A log: every log is the policy's <c>internal</c> recipient.</summary>
        public static Sink Log(Func<IArgumentOperation, bool>? relevant) => new Sink(SinkKind.Log, "a log", "internal", relevant);

        /// <summary>A third party the policy does not name: an HTTP endpoint, an e-mail recipient, a message broker.</summary>
        public static Sink ThirdParty(string recipient) => new Sink(SinkKind.Share, recipient, null, null);

        /// <summary>A <c>[DataRecipient("processor")]</c> method or parameter: the policy's recipient by name.</summary>
        public static Sink Named(string name, Func<IArgumentOperation, bool>? relevant) => new Sink(SinkKind.Share, "recipient '" + name + "'", name, relevant);

        public SinkKind Kind { get; }

        /// <summary>Who receives the data, as messages name them: "a log", "an HTTP endpoint", "recipient 'processor'".</summary>
        public string Recipient { get; }

        /// <summary>The policy's name for the recipient (<c>internal</c> for logs, the <c>[DataRecipient]</c> name), or null.</summary>
        public string? PolicyRecipient { get; }

        /// <summary>Which arguments leave; null for all of them.</summary>
        public Func<IArgumentOperation, bool>? Relevant { get; }
    }
}
