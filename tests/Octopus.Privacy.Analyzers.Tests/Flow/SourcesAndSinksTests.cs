using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>Every source and sink family, and the options that extend them.</summary>
public sealed class SourcesAndSinksTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        """;

    private static DiagnosticResult Logged(int location, string what, string sink) =>
        V.Diagnostic("OPRIV001").WithLocation(location).WithArguments(what, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Shared(int location, string what, string recipient, string sink) =>
        V.Diagnostic("OPRIV002").WithLocation(location).WithArguments(what, recipient, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public Task AspNetCore_Identity_personal_data_and_its_protected_subclass_are_sources() =>
        V.AnalyzerAsync(Usings + """
            namespace Microsoft.AspNetCore.Identity
            {
                public class PersonalDataAttribute : Attribute { }
                public class ProtectedPersonalDataAttribute : PersonalDataAttribute { }
            }

            public sealed class User
            {
                [Microsoft.AspNetCore.Identity.PersonalData] public string Phone { get; set; } = "";
                [Microsoft.AspNetCore.Identity.ProtectedPersonalData] public string Email { get; set; } = "";
            }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(User u)
                {
                    {|#0:logger.LogInformation(u.Phone)|};
                    {|#1:logger.LogInformation(u.Email)|};
                }
            }
            """,
            Logged(0, "User.Phone (personal data)", "LoggerExtensions.LogInformation"),
            Logged(1, "User.Email (personal data)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_compliance_data_classification_subclass_is_a_source() =>
        V.AnalyzerAsync(Usings + """
            namespace Microsoft.Extensions.Compliance.Classification
            {
                public class DataClassificationAttribute : Attribute { }
            }

            public sealed class PrivateDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute { }

            public sealed class Patient
            {
                [PrivateData] public string Diagnosis { get; set; } = "";
            }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Patient p) => {|#0:logger.LogInformation(p.Diagnosis)|};
            }
            """,
            Logged(0, "Patient.Diagnosis (PrivateData)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Compliance_redaction_is_a_sanitizer() =>
        V.AnalyzerAsync(Usings + """
            namespace Microsoft.Extensions.Compliance.Redaction
            {
                public abstract class Redactor { public string Redact(string value) => ""; }
            }

            public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

            public sealed class Service(ILogger<Service> logger, Microsoft.Extensions.Compliance.Redaction.Redactor redactor)
            {
                public void Run(Customer c) => logger.LogInformation(redactor.Redact(c.Email));
            }
            """);

    [Fact]
    public Task Members_of_member_types_count_up_to_the_configured_depth() =>
        V.AnalyzerAsync(
            Usings + """
            public sealed class Contact { [Pii("contact.email")] public string Email { get; set; } = ""; }
            public sealed class Customer { public Contact Contact { get; set; } = new(); }
            public sealed class Order { public Customer Customer { get; set; } = new(); }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c, Order o)
                {
                    {|#0:logger.LogInformation("{@C}", c)|};
                    logger.LogInformation("{@O}", o);
                }
            }
            """,
            [],
            editorConfig: null,
            Logged(0, "Contact.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task The_type_depth_is_an_option() =>
        V.AnalyzerAsync(
            Usings + """
            public sealed class Contact { [Pii("contact.email")] public string Email { get; set; } = ""; }
            public sealed class Customer { public Contact Contact { get; set; } = new(); }
            public sealed class Order { public Customer Customer { get; set; } = new(); }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Order o) => {|#0:logger.LogInformation("{@O}", o)|};
            }
            """,
            [],
            "octopus_privacy.max_type_depth = 3",
            Logged(0, "Contact.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task ILogger_Log_BeginScope_and_LoggerMessage_methods_are_log_sinks() =>
        V.AnalyzerAsync(Usings + """
            public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

            public static class Messages
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Customer {Email}")]
                public static void CustomerSeen(ILogger logger, string email) { }
            }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    {|#0:logger.Log(LogLevel.Information, new EventId(1), c.Email, null, (s, e) => s)|};
                    using var scope = {|#1:logger.BeginScope("{Email}", c.Email)|};
                    {|#2:Messages.CustomerSeen(logger, c.Email)|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)", "ILogger.Log"),
            Logged(1, "Customer.Email (contact.email)", "LoggerExtensions.BeginScope"),
            Logged(2, "Customer.Email (contact.email)", "Messages.CustomerSeen"));

    [Fact]
    public Task Serilog_and_NLog_loggers_are_log_sinks_when_referenced() =>
        V.AnalyzerAsync(Usings + """
            namespace Serilog
            {
                public interface ILogger { void Information(string template, params object[] values); ILogger ForContext(string name, object value); }
                public static class Log { public static void Warning(string template, params object[] values) { } }
            }

            namespace NLog
            {
                public class Logger { public void Info(string message) { } }
            }

            public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

            public sealed class Service(Serilog.ILogger serilog, NLog.Logger nlog)
            {
                public void Run(Customer c)
                {
                    {|#0:serilog.Information("{Email}", c.Email)|};
                    {|#1:Serilog.Log.Warning("{Email}", c.Email)|};
                    {|#2:nlog.Info(c.Email)|};
                }
            }
            """,
            Logged(0, "Customer.Email (contact.email)", "ILogger.Information"),
            Logged(1, "Customer.Email (contact.email)", "Log.Warning"),
            Logged(2, "Customer.Email (contact.email)", "Logger.Info"));

    [Fact]
    public Task Http_content_built_from_personal_data_and_mail_are_share_sinks() =>
        V.AnalyzerAsync(Usings + """
            using System.Net.Http;
            using System.Net.Mail;

            public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

            public sealed class Service(HttpClient http, SmtpClient smtp)
            {
                public async Task Run(Customer c)
                {
                    await {|#0:http.PostAsync("https://partner.example/", new StringContent(c.Email))|};
                    var request = new HttpRequestMessage(HttpMethod.Put, "https://partner.example/") { Content = new StringContent($"to={c.Email}") };
                    await {|#1:http.SendAsync(request)|};
                    {|#2:smtp.Send("shop@example.com", c.Email, "Hello", "Offer")|};
                    await http.GetAsync("https://partner.example/health");
                    var builder = new System.Text.StringBuilder();
                    builder.Append("to=").Append(c.Email);
                    await {|#3:http.PostAsync("https://partner.example/", new StringContent(builder.ToString()))|};
                }
            }
            """,
            Shared(0, "Customer.Email (contact.email)", "an HTTP endpoint", "HttpClient.PostAsync"),
            Shared(1, "Customer.Email (contact.email)", "an HTTP endpoint", "HttpClient.SendAsync"),
            Shared(2, "Customer.Email (contact.email)", "an e-mail recipient", "SmtpClient.Send"),
            Shared(3, "Customer.Email (contact.email)", "an HTTP endpoint", "HttpClient.PostAsync"));

    [Fact]
    public Task Additional_sinks_and_consent_checks_come_from_the_editorconfig() =>
        V.AnalyzerAsync(
            Usings + """
            namespace Acme
            {
                public static class Audit { public static void Write(string entry) { } }
                public static class Crm { public static void Push(string record) { } }
                public static class Consent { public static bool Allows(string purpose) => true; }
            }

            public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

            public sealed class Service
            {
                public void Run(Customer c)
                {
                    {|#0:Acme.Audit.Write(c.Email)|};
                    {|#1:Acme.Crm.Push(c.Email)|};
                    if (Acme.Consent.Allows("marketing.offers"))
                    {
                        Acme.Crm.Push(c.Email);
                    }
                }
            }
            """,
            [],
            """
            octopus_privacy.additional_log_sinks = M:Acme.Audit.Write(System.String)
            octopus_privacy.additional_share_sinks = M:Acme.Crm.Push(System.String)
            octopus_privacy.additional_consent_checks = M:Acme.Consent.Allows(System.String)
            """,
            Logged(0, "Customer.Email (contact.email)", "Audit.Write"),
            Shared(1, "Customer.Email (contact.email)", "a third party", "Crm.Push"));

    [Fact]
    public Task A_preference_the_application_keeps_guards_where_it_is_named_as_a_consent_check() =>
        V.AnalyzerAsync(
            Usings + """
            namespace Acme
            {
                public static class Crm { public static void Push(string record) { } }
            }

            public sealed class Customer
            {
                [Pii("contact.email")] public string Email { get; set; } = "";
                [Pii("identity.name")] public string Name { get; set; } = "";
                public bool NotifyByEmail { get; set; } = true;
                public bool IsActive { get; set; }
                public bool Subscribed;
            }

            public sealed class Notifier
            {
                public void Run(Customer c)
                {
                    if (c.NotifyByEmail)
                    {
                        Acme.Crm.Push(c.Email);
                    }

                    if (c.Subscribed == true)
                    {
                        Acme.Crm.Push(c.Email);
                    }

                    Notify(c, "Hi " + c.Name);
                    if (c.IsActive)
                    {
                        {|#0:Acme.Crm.Push(c.Email)|};
                    }
                }

                private static void Notify(Customer recipient, string body)
                {
                    if (!recipient.NotifyByEmail)
                    {
                        return;
                    }

                    Acme.Crm.Push(recipient.Email + body);
                }
            }
            """,
            [],
            """
            octopus_privacy.additional_share_sinks = M:Acme.Crm.Push(System.String)
            octopus_privacy.additional_consent_checks = P:Customer.NotifyByEmail, F:Customer.Subscribed
            """,
            Shared(0, "Customer.Email (contact.email)", "a third party", "Crm.Push"));

    [Fact]
    public Task Secret_categories_come_from_the_project_policy_file() =>
        V.AnalyzerAsync(
            Usings + """
            public sealed class Card { [Pii("card.number")] public string Number { get; set; } = ""; }

            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Card card, DataUseRequest r)
                {
                    guard.Demand(r);
                    {|#0:logger.LogInformation(card.Number)|};
                }
            }
            """,
            [("/shop.privacy.json", """
                { "name": "Shop", "version": "1",
                  "categories": { "card.number": { "secret": true } },
                  "purposes": { "billing": { "consent": "none" } }, "recipients": { "internal": {} } }
                """)],
            editorConfig: null,
            V.Error("OPRIV003").WithLocation(0).WithArguments("Card.Number (card.number)", "logged", "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
}
