using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The clients of third parties the analyzer knows: e-mail (ASP.NET Core Identity's senders, MailKit, SendGrid,
    /// Mailjet's transactional mail, Resend, FluentEmail), HTTP (RestSharp, Flurl, Mailjet's other requests, HttpClient's GET and
    /// DELETE, Twilio's messages and verifications, Stripe's customers, checkout sessions and payment intents), message brokers and queues
    /// (MassTransit, RabbitMQ, Azure Service Bus, Kafka, Azure Storage queues).
    /// Each applies only when the compilation references its library.
    /// </summary>
    internal static class ThirdPartySinks
    {
        private const SinkChannel Mail = SinkChannel.Mail;
        private const SinkChannel Http = SinkChannel.Http;
        private const SinkChannel Broker = SinkChannel.Message;

        private static readonly string[] RestVerbs = { "Execute", "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Download", "Stream" };

        /// <summary>Clients built up before they send: what they were given earlier leaves with the call that sends.</summary>
        private static readonly (string Type, Func<string, bool> Methods, SinkChannel Channel)[] Built =
        {
            ("FluentEmail.Core.IFluentEmail", n => n == "Send" || n == "SendAsync", Mail),
        };

        private static readonly (string Type, Func<string, bool> Methods, SinkChannel Channel)[] Known =
        {
            ("Microsoft.AspNetCore.Identity.UI.Services.IEmailSender", n => n == "SendEmailAsync", Mail),
            ("Microsoft.AspNetCore.Identity.IEmailSender`1", n => n.StartsWith("Send", StringComparison.Ordinal), Mail),
            ("MailKit.IMailTransport", n => n == "Send" || n == "SendAsync", Mail),
            ("MailKit.MailTransport", n => n == "Send" || n == "SendAsync", Mail),
            ("SendGrid.ISendGridClient", n => n == "SendEmailAsync", Mail),
            ("Mailjet.Client.IMailjetClient", n => n == "SendTransactionalEmailAsync" || n == "SendTransactionalEmailsAsync", Mail),
            ("Resend.IResend", IsResendMail, Mail),
            ("Resend.ResendClient", IsResendMail, Mail),
            ("Mailjet.Client.IMailjetClient", n => n == "PostAsync" || n == "PutAsync", Http),
            ("Twilio.Rest.Api.V2010.Account.MessageResource", n => n == "Create" || n == "CreateAsync", Http),
            ("Twilio.Rest.Verify.V2.Service.VerificationResource", n => n == "Create" || n == "CreateAsync", Http),
            ("Twilio.Rest.Verify.V2.Service.VerificationCheckResource", n => n == "Create" || n == "CreateAsync", Http),
            ("Stripe.CustomerService", n => IsStripeCall(n) || n.StartsWith("Search", StringComparison.Ordinal) || n.StartsWith("List", StringComparison.Ordinal), Http),
            ("Stripe.Checkout.SessionService", IsStripeCall, Http),
            ("Stripe.PaymentIntentService", IsStripeCall, Http),
            ("RestSharp.IRestClient", IsRestCall, Http),
            ("RestSharp.RestClient", IsRestCall, Http),
            ("RestSharp.RestClientExtensions", IsRestCall, Http),
            ("RestSharp.RestClientAsyncExtensions", IsRestCall, Http),
            ("RestSharp.RestClientSyncExtensions", IsRestCall, Http),
            ("RestSharp.RestClientJsonRequest", IsRestCall, Http),
            ("Flurl.Http.GeneratedExtensions", n => n.EndsWith("Async", StringComparison.Ordinal), Http),
            ("Flurl.Http.MultipartExtensions", n => n == "PostMultipartAsync", Http),
            ("Flurl.Http.DownloadExtensions", n => n == "DownloadFileAsync", Http),
            ("Flurl.Http.IFlurlRequest", n => n == "SendAsync", Http),
            ("Flurl.Http.IFlurlClient", n => n == "SendAsync", Http),
            ("System.Net.Http.HttpClient", n => n == "GetAsync" || n == "GetStringAsync" || n == "GetStreamAsync" || n == "GetByteArrayAsync" || n == "DeleteAsync", Http),
            ("System.Net.Http.Json.HttpClientJsonExtensions", n => n.StartsWith("GetFromJson", StringComparison.Ordinal) || n.StartsWith("DeleteFromJson", StringComparison.Ordinal), Http),
            ("MassTransit.IPublishEndpoint", IsPublishOrSend, Broker),
            ("MassTransit.ISendEndpoint", IsPublishOrSend, Broker),
            ("MassTransit.ISendEndpointProvider", IsPublishOrSend, Broker),
            ("MassTransit.EndpointConventionExtensions", IsPublishOrSend, Broker),
            ("MassTransit.PublishEndpointExtensions", IsPublishOrSend, Broker),
            ("MassTransit.SendEndpointExtensions", IsPublishOrSend, Broker),
            ("RabbitMQ.Client.IModel", n => n.StartsWith("BasicPublish", StringComparison.Ordinal), Broker),
            ("RabbitMQ.Client.IModelExensions", n => n.StartsWith("BasicPublish", StringComparison.Ordinal), Broker),
            ("RabbitMQ.Client.IChannel", n => n.StartsWith("BasicPublish", StringComparison.Ordinal), Broker),
            ("RabbitMQ.Client.IChannelExtensions", n => n.StartsWith("BasicPublish", StringComparison.Ordinal), Broker),
            ("Azure.Messaging.ServiceBus.ServiceBusSender", n => n.StartsWith("SendMessage", StringComparison.Ordinal) || n.StartsWith("ScheduleMessage", StringComparison.Ordinal), Broker),
            ("Confluent.Kafka.IProducer`2", n => n == "Produce" || n == "ProduceAsync", Broker),
            ("Azure.Storage.Queues.QueueClient", n => n == "SendMessage" || n == "SendMessageAsync", Broker),
        };

        /// <summary>Resend's client's calls that send mail: one message, a batch, or a message to send later.</summary>
        private static bool IsResendMail(string name) =>
            name == "EmailSendAsync" || name == "EmailBatchAsync" || name == "EmailScheduleAsync";

        /// <summary>A Stripe service's calls that send their options to Stripe: creating or updating its object.</summary>
        private static bool IsStripeCall(string name) =>
            name == "Create" || name == "CreateAsync" || name == "Update" || name == "UpdateAsync";

        public static ImmutableArray<Entry> Resolve(Compilation compilation)
        {
            var builder = ImmutableArray.CreateBuilder<Entry>();
            Add(builder, compilation, Known, sendsReceiver: false);
            Add(builder, compilation, Built, sendsReceiver: true);
            return builder.ToImmutable();
        }

        private static void Add(ImmutableArray<Entry>.Builder builder, Compilation compilation, (string Type, Func<string, bool> Methods, SinkChannel Channel)[] clients, bool sendsReceiver)
        {
            foreach (var (typeName, methods, channel) in clients)
            {
                if (PrivacySymbols.TypeNamed(compilation, typeName) is INamedTypeSymbol type)
                {
                    builder.Add(new Entry(type, methods, channel, sendsReceiver));
                }
            }
        }

        private static bool IsRestCall(string name) => RestVerbs.Any(v => name.StartsWith(v, StringComparison.Ordinal));

        private static bool IsPublishOrSend(string name) => name == "Publish" || name == "Send" || name == "PublishBatch" || name == "SendBatch";

        /// <summary>One client type and the methods of it that send.</summary>
        internal sealed class Entry
        {
            public Entry(INamedTypeSymbol type, Func<string, bool> methods, SinkChannel channel, bool sendsReceiver)
            {
                Type = type;
                Methods = methods;
                Channel = channel;
                SendsReceiver = sendsReceiver;
            }

            public INamedTypeSymbol Type { get; }

            public Func<string, bool> Methods { get; }

            public SinkChannel Channel { get; }

            /// <summary>True for a client built up before it sends: what the object carries leaves with the call.</summary>
            public bool SendsReceiver { get; }

            public bool Matches(INamedTypeSymbol? containingType, string methodName) =>
                containingType != null && Methods(methodName) && PrivacySymbols.IsOrImplements(containingType, Type);
        }
    }
}
