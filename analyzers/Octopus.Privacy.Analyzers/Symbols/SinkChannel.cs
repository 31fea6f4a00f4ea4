namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>What a sink is, as the data map names it: where the data goes.</summary>
    internal enum SinkChannel
    {
        /// <summary>A third party of another kind: a <c>[DataRecipient]</c> method, a sink named in the options.</summary>
        Other,

        /// <summary>A log, a console or a trace.</summary>
        Log,

        /// <summary>An e-mail recipient (SmtpClient, MailKit, SendGrid, Mailjet's transactional mail, ASP.NET Core Identity's senders).</summary>
        Mail,

        /// <summary>An HTTP endpoint (HttpClient, RestSharp, Flurl, Twilio's messages, Mailjet's requests, Stripe).</summary>
        Http,

        /// <summary>A message broker or queue (MassTransit, RabbitMQ, Azure Service Bus, Kafka, Azure Storage queues).</summary>
        Message,
    }
}
