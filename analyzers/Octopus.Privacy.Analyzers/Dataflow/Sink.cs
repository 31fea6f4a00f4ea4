using System;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// What a call is as a sink, as data: its kind (a log, a third party), who receives what it is given (as messages
    /// name them, and as the policy names them where the code says so), and which of its arguments leave.
    /// </summary>
    internal sealed class Sink
    {
        public static readonly Sink None = new Sink(SinkKind.None, SinkChannel.Other, string.Empty, null, null);

        public Sink(SinkKind kind, SinkChannel channel, string recipient, string? policyRecipient, Func<IArgumentOperation, bool>? relevant)
        {
            Kind = kind;
            Channel = channel;
            Recipient = recipient;
            PolicyRecipient = policyRecipient;
            Relevant = relevant;
        }

        /// <summary>A log: every log is the policy's <c>internal</c> recipient.</summary>
        public static Sink Log(Func<IArgumentOperation, bool>? relevant) => new Sink(SinkKind.Log, SinkChannel.Log, "a log", "internal", relevant);

        /// <summary>A third party the policy does not name: an HTTP endpoint, an e-mail recipient, a message broker.</summary>
        public static Sink ThirdParty(SinkChannel channel) => new Sink(SinkKind.Share, channel, RecipientOf(channel), null, null);

        /// <summary>
        /// A third party's client built up before it sends (FluentEmail's <c>email.To(address).Body(text).SendAsync()</c>):
        /// what leaves is what the object the call is made on carries, besides its arguments.
        /// </summary>
        public static Sink ThirdPartyBuilt(SinkChannel channel) => new Sink(SinkKind.Share, channel, RecipientOf(channel), null, null) { SendsReceiver = true };

        /// <summary>A <c>[DataRecipient("processor")]</c> method or parameter: the policy's recipient by name.</summary>
        public static Sink Named(string name, Func<IArgumentOperation, bool>? relevant) => new Sink(SinkKind.Share, SinkChannel.Other, "recipient '" + name + "'", name, relevant);

        /// <summary>Who a channel's sinks send to, as messages name them.</summary>
        public static string RecipientOf(SinkChannel channel)
        {
            switch (channel)
            {
                case SinkChannel.Log: return "a log";
                case SinkChannel.Mail: return "an e-mail recipient";
                case SinkChannel.Http: return "an HTTP endpoint";
                case SinkChannel.Message: return "a message broker";
                default: return "a third party";
            }
        }

        public SinkKind Kind { get; }

        /// <summary>Where the data goes, as the data map names it.</summary>
        public SinkChannel Channel { get; }

        /// <summary>Who receives the data, as messages name them: "a log", "an HTTP endpoint", "recipient 'processor'".</summary>
        public string Recipient { get; }

        /// <summary>The policy's name for the recipient (<c>internal</c> for logs, the <c>[DataRecipient]</c> name), or null.</summary>
        public string? PolicyRecipient { get; }

        /// <summary>True when what the object the call is made on carries leaves too (a client built up before it sends).</summary>
        public bool SendsReceiver { get; private set; }

        /// <summary>Which arguments leave; null for all of them.</summary>
        public Func<IArgumentOperation, bool>? Relevant { get; }
    }
}
