using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>Data followed across methods, interface calls, constructors, fields, lambdas and local functions, member by member.</summary>
public sealed class InterproceduralTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Mail;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            public int Id { get; set; }
            [Pii("contact.email")] public string Email { get; set; } = "";
            [Pii("identity.name")] public string Name { get; set; } = "";
            public string Tier { get; set; } = "";
        }

        """;

    private const string Email = "Customer.Email (contact.email)";
    private const string Name = "Customer.Name (identity.name)";

    private static DiagnosticResult Logged(int location, string what, string sink) =>
        V.Diagnostic("OPRIV001").WithLocation(location).WithArguments(what, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Shared(int location, string what, string recipient, string sink) =>
        V.Diagnostic("OPRIV002").WithLocation(location).WithArguments(what, recipient, sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public Task A_member_assigned_a_conditional_value_is_stored_on_the_object() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Note { public string To { get; set; } = ""; public string Tier { get; set; } = ""; }

            public sealed class Notifier(ILogger<Notifier> logger)
            {
                public void Run(Customer a, Customer b, bool first)
                {
                    var note = new Note();
                    note.To = first ? a.Email : b.Email;
                    note.Tier = first ? a.Tier : b.Tier;
                    {|#0:Send(note)|};
                    {|#1:logger.LogInformation("To {To}", note.To)|};
                    logger.LogInformation("Tier {Tier}", note.Tier);
                }

                private void Send(Note note) => logger.LogInformation("To {To}", note.To);
            }
            """,
            Logged(0, Email, "Notifier.Send → LoggerExtensions.LogInformation"),
            Logged(1, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Data_handed_to_a_service_does_not_make_the_service_or_what_it_returns_personal() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Outcome { public string Message { get; set; } = ""; }
            public interface IRequestEngine { void SetCustomer(Customer customer); Task<Outcome> RequestAsync(int item); }

            public sealed class Importer(ILogger<Importer> logger, IRequestEngine engine)
            {
                private readonly IRequestEngine _engine = engine;
                private readonly List<string> _recipients = new();
                private readonly Queue<Customer> _pending = new();
                private readonly System.IO.StringWriter _report = new();
                private string _tenant = "eu";

                public async Task Import(Customer c)
                {
                    await Process(1, c);
                    _recipients.Add(c.Email);
                    {|#0:logger.LogInformation("Recipients {Recipients}", string.Join(", ", _recipients))|};
                    logger.LogInformation("Queued for {Tenant}, {Count} in all", _tenant, _recipients.Count);
                    _pending.Enqueue(c);
                    {|#1:logger.LogInformation("Next {Name}", _pending.Peek().Name)|};
                }

                public void Report(Customer c)
                {
                    _report.Write(c.Name);
                    {|#2:logger.LogInformation("Report {Report}", _report.ToString())|};
                }

                private async Task Process(int item, Customer c)
                {
                    _engine.SetCustomer(c);
                    engine.SetCustomer(c);
                    var outcome = await _engine.RequestAsync(item);
                    logger.LogInformation("Request {Item}: {Message}", item, outcome.Message);
                    var again = await engine.RequestAsync(item);
                    logger.LogInformation("Again {Item}: {Message}", item, again.Message);
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Name, "LoggerExtensions.LogInformation"),
            Logged(2, Name, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Data_passed_to_a_parameter_that_the_callee_logs_is_reported_at_the_call() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    {|#0:Note(c.Email)|};
                    Note(c.Tier);
                }

                private void Note(string text) => logger.LogInformation("Note {Text}", text);
            }
            """,
            Logged(0, Email, "Service.Note → LoggerExtensions.LogInformation"));

    [Fact]
    public Task Every_sink_a_parameter_reaches_is_reported_at_the_call_with_every_recipient() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Partner
            {
                [DataRecipient("processor")] public void Upload(string payload) { }
            }

            public interface INotifier { void Notify(string text); }

            public sealed class LogNotifier(ILogger<LogNotifier> logger) : INotifier
            {
                public void Notify(string text) => logger.LogInformation("Note {Text}", text);
            }

            public sealed class PartnerNotifier(Partner partner) : INotifier
            {
                public void Notify(string text) => partner.Upload(text);
            }

            public sealed class HttpNotifier(System.Net.Http.HttpClient http) : INotifier
            {
                public void Notify(string text) => http.PostAsync("https://notify.example/", new System.Net.Http.StringContent(text));
            }

            public sealed class Service(ILogger<Service> logger, Partner partner, INotifier notifier)
            {
                public void Run(Customer c)
                {
                    {|#0:{|#1:Note(c.Email)|}|};
                    {|#2:{|#3:notifier.Notify(c.Name)|}|};
                    notifier.Notify(c.Tier);
                }

                private void Note(string text)
                {
                    logger.LogInformation("Note {Text}", text);
                    partner.Upload(text);
                }
            }
            """,
            Logged(0, Email, "Service.Note → LoggerExtensions.LogInformation"),
            Shared(1, Email, "recipient 'processor'", "Service.Note → Partner.Upload"),
            Logged(2, Name, "INotifier.Notify → LoggerExtensions.LogInformation"),
            Shared(3, Name, "an HTTP endpoint and recipient 'processor'", "INotifier.Notify → HttpClient.PostAsync, Partner.Upload"));

    [Fact]
    public Task A_field_assigned_personal_data_in_one_method_and_logged_or_sent_in_another_is_reported() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Partner
            {
                [DataRecipient("processor")] public void Upload(string payload) { }
            }

            public sealed class ProfilePage(ILogger<ProfilePage> logger, Partner partner)
            {
                private string _email = "";
                private string _tier = "";
                private readonly string _title = "Profile";
                private List<string> _names = new();

                public string Status { get; set; } = "";

                public void OnSelected(Customer c)
                {
                    _email = c.Email;
                    _tier = c.Tier;
                    _names.Add(c.Name);
                    Status = "selected";
                }

                public void OnSaved()
                {
                    {|#0:logger.LogInformation("Saved {Email}", _email)|};
                    logger.LogInformation("Saved {Tier} {Title} {Status}", _tier, _title, Status);
                    {|#1:partner.Upload(this._email)|};
                    _email = "";
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Shared(1, Email, "recipient 'processor'", "Partner.Upload"));

    [Fact]
    public Task A_field_stored_from_a_call_that_returns_personal_data_is_reported_and_one_copied_from_a_plain_parameter_is_not() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Directory(List<Customer> customers)
            {
                public string EmailOf(int id) => customers[id].Email;
            }

            public sealed class Banner
            {
                private readonly ILogger<Banner> _logger;
                private readonly Directory _directory;
                private string _label = "";
                private string _email = "";

                public Banner(ILogger<Banner> logger, Directory directory, string label)
                {
                    _logger = logger;
                    _directory = directory;
                    _label = label;
                }

                public void Select(int id) => _email = _directory.EmailOf(id);

                public void Show()
                {
                    _logger.LogInformation("Banner {Label}", _label);
                    {|#0:_logger.LogInformation("Banner for {Email}", _email)|};
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_consent_check_in_the_caller_or_in_the_callee_guards_the_flow() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r)
                {
                    if (guard.IsPermitted(r))
                    {
                        Note(c.Email);
                    }

                    Checked(c.Email, r);
                }

                private void Note(string text) => logger.LogInformation("Note {Text}", text);

                private void Checked(string text, DataUseRequest r)
                {
                    if (guard.IsPermitted(r))
                    {
                        logger.LogInformation("Note {Text}", text);
                    }
                }
            }
            """);

    [Fact]
    public Task A_private_method_that_every_caller_calls_after_a_consent_check_is_guarded_by_the_check() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger, IPrivacyGuard guard)
            {
                public void Run(Customer c, DataUseRequest r)
                {
                    if (guard.IsPermitted(r))
                    {
                        Note(c);
                        this.Note(c);
                        Half(c);
                        Handler(c);
                        Public(c);
                        Action run = () => FromLambda(c);
                        run();
                    }

                    if (!guard.IsPermitted(r))
                    {
                        return;
                    }

                    Later(c);
                }

                public void Other(Customer c)
                {
                    Half(c);
                    Action<Customer> handler = Handler;
                    handler(c);
                }

                private void Note(Customer customer) => logger.LogInformation("Note {Text}", customer.Email);

                private void Later(Customer customer) => logger.LogInformation("Later {Text}", customer.Email);

                private void Half(Customer customer) => {|#0:logger.LogInformation("Half {Text}", customer.Email)|};

                private void Handler(Customer customer) => {|#1:logger.LogInformation("Handler {Text}", customer.Email)|};

                private void FromLambda(Customer customer) => {|#2:logger.LogInformation("Lambda {Text}", customer.Email)|};

                public void Public(Customer customer) => {|#3:logger.LogInformation("Public {Text}", customer.Email)|};
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Email, "LoggerExtensions.LogInformation"),
            Logged(2, Email, "LoggerExtensions.LogInformation"),
            Logged(3, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_application_email_sender_interface_is_followed_into_its_SMTP_implementation() =>
        V.AnalyzerAsync(Prelude + """
            public interface IMailer
            {
                Task SendAsync(string to, string subject, string body);
            }

            public sealed class SmtpMailer : IMailer
            {
                public Task SendAsync(string to, string subject, string body)
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    return client.SendMailAsync(new MailMessage("noreply@example.invalid", to, subject, body));
                }
            }

            public sealed class Welcome(IMailer mailer)
            {
                public Task Run(Customer c) => {|#0:mailer.SendAsync(c.Email, "Welcome", "Hello")|};

                public Task Internal() => mailer.SendAsync("ops@example.invalid", "Status", "ok");
            }
            """,
            Shared(0, Email, "an e-mail recipient", "IMailer.SendAsync → SmtpClient.SendMailAsync"));

    [Fact]
    public Task A_recipient_added_through_a_conditional_is_still_the_messages() =>
        V.AnalyzerAsync(Prelude + """
            public interface IMailer
            {
                Task SendAsync(string to, string subject, string body);
            }

            public sealed class SmtpMailer(bool development) : IMailer
            {
                public async Task SendAsync(string to, string subject, string body)
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    var message = new MailMessage { From = new MailAddress("noreply@example.invalid"), Subject = subject, Body = body };
                    message.To.Add(development ? "developer@example.invalid" : to);
                    await client.SendMailAsync(message);
                }
            }

            public sealed class Welcome(IMailer mailer)
            {
                public Task Run(Customer c) => {|#0:mailer.SendAsync(c.Email, "Welcome", "Hello")|};

                public Task Internal() => mailer.SendAsync("ops@example.invalid", "Status", "ok");
            }
            """,
            Shared(0, Email, "an e-mail recipient", "IMailer.SendAsync → SmtpClient.SendMailAsync"));

    [Fact]
    public Task A_call_whose_callee_sends_two_of_its_arguments_names_what_both_carry() =>
        V.AnalyzerAsync(Prelude + """
            public interface IMailer
            {
                Task SendAsync(string to, string subject, string body);
            }

            public sealed class SmtpMailer : IMailer
            {
                public async Task SendAsync(string to, string subject, string body)
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    var message = new MailMessage { From = new MailAddress("noreply@example.invalid"), Subject = subject, Body = body };
                    message.To.Add(to);
                    await client.SendMailAsync(message);
                }
            }

            public sealed class Approvals(IMailer mailer, ILogger<Approvals> logger)
            {
                public async Task Approve(Customer c)
                {
                    await {|#0:mailer.SendAsync(c.Email, "Approved", $"Dear {c.Name}, you are approved.")|};
                    await {|#1:mailer.SendAsync("ops@example.invalid", "Approved", $"{c.Name} is approved.")|};
                    {|#2:logger.LogInformation("{Email} approved as {Name}", c.Email, c.Name)|};
                }
            }
            """,
            Shared(0, Email + ", " + Name, "an e-mail recipient", "IMailer.SendAsync → SmtpClient.SendMailAsync"),
            Shared(1, Name, "an e-mail recipient", "IMailer.SendAsync → SmtpClient.SendMailAsync"),
            Logged(2, Email + ", " + Name, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_email_sender_interface_implemented_in_another_project_is_a_third_party() =>
        V.AnalyzerAsync(Prelude + """
            public interface IEmailSender
            {
                Task SendEmailAsync(string email, string subject, string message);
            }

            public interface IAuditService
            {
                Task SendAsync(string text);
            }

            public static class EmailSenderExtensions
            {
                public static Task SendEmailConfirmationAsync(this IEmailSender sender, string email, string link) =>
                    sender.SendEmailAsync(email, "Confirm your email", link);
            }

            public sealed class Account(IEmailSender sender, IAuditService audit)
            {
                public async Task Run(Customer c)
                {
                    await {|#0:sender.SendEmailConfirmationAsync(c.Email, "https://example.invalid/confirm")|};
                    await {|#1:sender.SendEmailAsync(c.Email, "Hello", "text")|};
                    await audit.SendAsync(c.Email);
                }
            }
            """,
            Shared(0, Email, "an e-mail recipient", "EmailSenderExtensions.SendEmailConfirmationAsync → IEmailSender.SendEmailAsync"),
            Shared(1, Email, "an e-mail recipient", "IEmailSender.SendEmailAsync"));

    [Fact]
    public Task A_text_message_sender_interface_implemented_in_another_project_is_a_third_party() =>
        V.AnalyzerAsync(Prelude + """
            public interface IIdSmsService
            {
                Task<bool> SendMsgAsync(string number, string message);
            }

            public interface IWhatsAppClient
            {
                Task SendAsync(string number, string message);
            }

            public interface ISmsTemplates
            {
                Task SendAsync(string text);
            }

            public interface ISmsSender
            {
                Task SendAsync(string number, string text);
            }

            public sealed class ConsoleSms : ISmsSender
            {
                public Task SendAsync(string number, string text) => Task.CompletedTask;
            }

            public sealed class TwoFactor(IIdSmsService sms, IWhatsAppClient whatsApp, ISmsTemplates templates, ISmsSender sender)
            {
                public async Task Run(Customer c, string code)
                {
                    await {|#0:sms.SendMsgAsync(c.Name, "Your code is " + code)|};
                    await {|#1:whatsApp.SendAsync(c.Name, code)|};
                    await sms.SendMsgAsync("+10000000000", "status");
                    await templates.SendAsync(c.Name);
                    await sender.SendAsync(c.Name, code);
                }
            }
            """,
            Shared(0, Name, "a third party", "IIdSmsService.SendMsgAsync"),
            Shared(1, Name, "a third party", "IWhatsAppClient.SendAsync"));

    [Fact]
    public Task A_virtual_method_is_followed_into_its_overrides() =>
        V.AnalyzerAsync(Prelude + """
            public abstract class Notifier
            {
                public abstract void Notify(string text);
            }

            public sealed class LogNotifier(ILogger<LogNotifier> logger) : Notifier
            {
                public override void Notify(string text) => logger.LogWarning("{Text}", text);
            }

            public sealed class Service(Notifier notifier)
            {
                public void Run(Customer c) => {|#0:notifier.Notify(c.Name)|};
            }
            """,
            Logged(0, Name, "Notifier.Notify → LoggerExtensions.LogWarning"));

    [Fact]
    public Task An_overload_that_only_passes_its_parameters_on_does_not_use_up_the_calls_followed() =>
        V.AnalyzerAsync(Prelude + """
            public interface ILogManager
            {
                void Log(string message, params object[] args);
            }

            // A logging facade: an overload that forwards to the one that builds the entry, which then writes it.
            public sealed class LogManager(ILogger<LogManager> logger) : ILogManager
            {
                public void Log(string message, params object[] args) => Log(-1, message, args);

                public void Log(int siteId, string message, params object[] args)
                {
                    var text = string.Format(message, args);
                    Write(siteId, text);
                }

                private void Write(int siteId, string text)
                {
                    if (siteId != 0)
                    {
                        logger.LogInformation("{Entry}", text);
                    }
                }
            }

            public static class Validator
            {
                public static void Validate(ILogManager logs, Customer c) => {|#0:Log(logs, "Refreshed for {0}", c.Name)|};

                private static void Log(ILogManager logs, string message, string name)
                {
                    if (name.Length > 0)
                    {
                        logs.Log(message, name);
                    }
                }
            }
            """,
            Logged(0, Name, "Validator.Log → ILogManager.Log → LogManager.Log → LogManager.Write → LoggerExtensions.LogInformation"));

    [Fact]
    public Task Data_stored_by_a_constructor_or_a_method_and_sent_by_another_method_is_reported_where_it_is_sent() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Letter
            {
                private readonly string _to;
                private string _body = "";

                public Letter(string to) { _to = to; }

                public void Write(string body) { _body = body; }

                public void Post()
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    client.Send("noreply@example.invalid", _to, "Letter", _body);
                }
            }

            public sealed class Service
            {
                public void Run(Customer c)
                {
                    var letter = new Letter(c.Email);
                    {|#0:letter.Post()|};

                    var other = new Letter("ops@example.invalid");
                    other.Write(c.Name);
                    {|#1:other.Post()|};

                    var clean = new Letter("ops@example.invalid");
                    clean.Write(c.Tier);
                    clean.Post();
                }
            }
            """,
            Shared(0, Email, "an e-mail recipient", "Letter.Post → SmtpClient.Send"),
            Shared(1, Name, "an e-mail recipient", "Letter.Post → SmtpClient.Send"));

    [Fact]
    public Task A_callee_returns_only_what_it_really_returns() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    logger.LogInformation("Tier {Tier}", TierOf(c));
                    {|#0:logger.LogInformation("Mail {Email}", MailOf(c))|};
                    logger.LogInformation("Id {Id}", Echo(c.Id.ToString()));
                    {|#1:logger.LogInformation("Name {Name}", Echo(c.Name))|};
                }

                private static string TierOf(Customer c) => c.Tier;

                private static string MailOf(Customer c) => c.Email;

                private static string Echo(string text) => text.Trim();
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Name, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_clean_member_of_an_object_that_also_holds_personal_data_is_clean() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Dto
            {
                public string Email { get; set; } = "";
                public DateTime CreatedAt { get; set; }
            }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    var dto = new Dto { CreatedAt = DateTime.UtcNow };
                    dto.Email = c.Email;
                    logger.LogInformation("Created {At}", dto.CreatedAt);
                    {|#0:logger.LogInformation("Mail {Email}", dto.Email)|};
                    logger.LogInformation("Dto {Dto}", dto);
                    {|#1:logger.LogInformation("Dto {@Dto}", dto)|};
                    var copy = new Dto { Email = c.Email, CreatedAt = DateTime.UtcNow };
                    logger.LogInformation("Created {At}", copy.CreatedAt);
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Predicates_and_sizes_of_personal_data_are_not_personal_data() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c, List<Customer> all)
                {
                    logger.LogInformation("Has mail {Has}", string.IsNullOrEmpty(c.Email));
                    logger.LogInformation("Corporate {Corporate}", c.Email.EndsWith("@example.invalid", StringComparison.Ordinal));
                    logger.LogInformation("Same {Same}", c.Email == "x");
                    logger.LogInformation("Length {Length}", c.Email.Length);
                    logger.LogInformation("At {Index}", c.Email.IndexOf('@'));
                    logger.LogInformation("Count {Count}", all.Count(x => x.Email.Length > 0));
                    logger.LogInformation("Any {Any}", all.Any(x => x.Name == "n"));
                }
            }
            """);

    [Fact]
    public Task Lambdas_return_what_their_projection_reads() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(List<Customer> customers)
                {
                    logger.LogInformation("Ids {Ids}", customers.Select(c => c.Id).ToList());
                    logger.LogInformation("Tiers {Tiers}", string.Join(",", customers.Select(c => c.Tier)));
                    {|#0:logger.LogInformation("Mails {Mails}", string.Join(",", customers.Select(c => c.Email)))|};
                    {|#1:logger.LogInformation("Names {Names}", customers.Select(c => new { c.Name, c.Id }).ToList())|};
                    var query = from c in customers where c.Id > 0 select c.Email;
                    {|#2:logger.LogInformation("Query {Mails}", query.ToList())|};
                    var ids = from c in customers select c.Id;
                    logger.LogInformation("Query ids {Ids}", ids.ToList());
                    var groups = customers.GroupBy(c => c.Name).Select(g => g.Key);
                    {|#3:logger.LogInformation("Groups {Keys}", groups.ToList())|};
                    logger.LogInformation("Active {Active}", customers.Where(c => c.Email.Length > 0).Select(c => c.Id).ToList());
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Name, "LoggerExtensions.LogInformation"),
            Logged(2, Email, "LoggerExtensions.LogInformation"),
            Logged(3, Name, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Tuples_deconstruction_and_local_functions_that_capture() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    var (mail, id) = (c.Email, c.Id);
                    {|#0:logger.LogInformation("Mail {Mail}", mail)|};
                    logger.LogInformation("Id {Id}", id);

                    var name = c.Name;
                    Write();
                    Say(c.Tier);
                    Say(c.Email);

                    void Write() => {|#1:logger.LogInformation("Name {Name}", name)|};
                    void Say(string text) => {|#2:logger.LogInformation("Say {Text}", text)|};
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Name, "LoggerExtensions.LogInformation"),
            Logged(2, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Tuples_returned_by_a_method_keep_their_elements_apart() =>
        V.AnalyzerAsync(Prelude + """
            public interface IIdentity
            {
                Task<(string Subject, List<string> Claims)?> ValidateAsync(string login);
            }

            public sealed class Identity(Dictionary<string, Customer> customers) : IIdentity
            {
                public async Task<(string Subject, List<string> Claims)?> ValidateAsync(string login)
                {
                    await Task.Yield();
                    if (!customers.TryGetValue(login, out var customer))
                    {
                        return null;
                    }

                    var claims = new List<string> { customer.Email, customer.Name };
                    return (customer.Id.ToString(), claims);
                }
            }

            public sealed class Login(IIdentity identity, ILogger<Login> logger)
            {
                public async Task Run(string login)
                {
                    var result = await identity.ValidateAsync(login);
                    var (subject, claims) = result!.Value;
                    logger.LogInformation("Signed in {Subject}", subject);
                    {|#0:logger.LogInformation("Claims {Claims}", claims)|};
                    var pair = result.Value;
                    logger.LogInformation("Subject {Subject}", pair.Subject);
                    {|#1:logger.LogInformation("Claims {Claims}", pair.Item2)|};
                }
            }
            """,
            Logged(0, Email + ", " + Name, "LoggerExtensions.LogInformation"),
            Logged(1, Email + ", " + Name, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_tuple_from_a_call_with_no_body_here_is_deconstructed_field_by_field() =>
        V.AnalyzerAsync(Prelude + """
            public interface IAccounts
            {
                Task<(Customer? Customer, bool Succeeded, string? Code, string? Errors)> CreateAsync(string login);
            }

            public sealed class Signup(IAccounts accounts, ILogger<Signup> logger)
            {
                public async Task Run(string login)
                {
                    var (customer, succeeded, code, errors) = await accounts.CreateAsync(login);
                    logger.LogInformation("Created {Succeeded} with code {Code}: {Errors}", succeeded, code, errors);
                    {|#0:logger.LogInformation("Created {Email}", customer!.Email)|};
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Positional_records_and_objects_returned_by_a_method_keep_their_members_apart() =>
        V.AnalyzerAsync(Prelude + """
            public sealed record TokenResponse(string AccessToken, string RefreshToken);

            public sealed class Dto
            {
                public Dto(string email) { Email = email; }
                public string Email { get; set; }
                public string Stamp { get; set; } = "";
            }

            public sealed class Tokens
            {
                public Task<TokenResponse> IssueAsync(Customer c)
                {
                    var access = "jwt." + c.Email;
                    var response = new TokenResponse(access, Guid.NewGuid().ToString());
                    return Task.FromResult(response);
                }

                public Dto Describe(Customer c)
                {
                    var dto = new Dto(c.Email);
                    dto.Stamp = DateTime.UtcNow.ToString("O");
                    return dto;
                }
            }

            public sealed class Login(Tokens tokens, ILogger<Login> logger)
            {
                public async Task Run(Customer c)
                {
                    var token = await tokens.IssueAsync(c);
                    logger.LogInformation("Refresh {Refresh}", token.RefreshToken);
                    {|#0:logger.LogInformation("Access {Access}", token.AccessToken)|};
                    var dto = tokens.Describe(c);
                    {|#1:logger.LogInformation("Stamp {Stamp}", dto.Stamp)|};
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            /* The constructor stored the e-mail in a member of its own: the whole object may carry it. */
            Logged(1, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task Anonymous_objects_keep_their_members_apart() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    var view = new { c.Name, c.Id, Joined = DateTime.UtcNow };
                    logger.LogInformation("Id {Id} joined {Joined}", view.Id, view.Joined);
                    {|#0:logger.LogInformation("Name {Name}", view.Name)|};
                    {|#1:logger.LogInformation("View {@View}", view)|};
                }
            }
            """,
            Logged(0, Name, "LoggerExtensions.LogInformation"),
            Logged(1, Name, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task The_anonymous_objects_a_query_projects_keep_their_members_apart_in_a_loop_and_in_First() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(IQueryable<Customer> customers)
                {
                    var rows = customers.Select(c => new { c.Id, c.Email, c.Tier }).Where(r => r.Id > 0).ToList();
                    foreach (var row in rows)
                    {
                        logger.LogInformation("Id {Id} tier {Tier}", row.Id, row.Tier);
                        {|#0:logger.LogInformation("Mail {Email}", row.Email)|};
                        {|#1:logger.LogInformation("Row {Row}", row)|};
                    }

                    var named = from c in customers select new { c.Id, Who = c.Name };
                    foreach (var one in named)
                    {
                        logger.LogInformation("Id {Id}", one.Id);
                        {|#2:logger.LogInformation("Who {Who}", one.Who)|};
                    }

                    var first = customers.Select(c => new { c.Id, c.Email }).OrderBy(r => r.Id).First();
                    logger.LogInformation("Id {Id}", first.Id);
                    {|#3:logger.LogInformation("Mail {Email}", first.Email)|};
                    {|#4:logger.LogInformation("All {Rows}", rows)|};
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Email, "LoggerExtensions.LogInformation"),
            Logged(2, Name, "LoggerExtensions.LogInformation"),
            Logged(3, Email, "LoggerExtensions.LogInformation"),
            Logged(4, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_sequence_of_projected_objects_that_more_is_added_to_or_that_is_assigned_another_may_hold_anything_in_any_member() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(IQueryable<Customer> customers, Customer extra)
                {
                    var rows = customers.Select(c => new { c.Id, c.Email, c.Tier }).ToList();
                    rows.Add(new { extra.Id, Email = "", Tier = extra.Email });
                    foreach (var row in rows)
                    {
                        {|#0:logger.LogInformation("Tier {Tier}", row.Tier)|};
                    }
                }

                public void Either(IQueryable<Customer> customers, Customer extra, bool fromQuery)
                {
                    var added = new { extra.Id, Email = "", Tier = extra.Email };
                    var rows = customers.Select(c => new { c.Id, c.Email, c.Tier }).ToList();
                    if (!fromQuery)
                    {
                        rows = ListOf(added);
                    }

                    foreach (var row in rows)
                    {
                        {|#1:logger.LogInformation("Tier {Tier}", row.Tier)|};
                    }
                }

                public void Joined(IQueryable<Customer> customers, Customer extra)
                {
                    var added = ListOf(new { extra.Id, Email = "", Tier = extra.Email });
                    var rows = customers.Select(c => new { c.Id, c.Email, c.Tier }).ToList();
                    var first = rows.Concat(added).First();
                    {|#2:logger.LogInformation("Tier {Tier}", first.Tier)|};
                }

                private static List<T> ListOf<T>(T item) => new List<T> { item };
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Email, "LoggerExtensions.LogInformation"),
            Logged(2, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_ToString_override_is_what_a_log_prints_of_the_object() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Contact
            {
                public int Id { get; set; }
                [Pii("contact.email")] public string Email { get; set; } = "";
                [Pii("identity.name")] public string Name { get; set; } = "";
                public override string ToString() => "Contact " + Email;
            }

            public sealed class Safe
            {
                [Pii("identity.name")] public string Name { get; set; } = "";
                public override string ToString() => "Safe";
            }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Contact contact, Safe safe)
                {
                    {|#0:logger.LogInformation("Contact {Contact}", contact)|};
                    logger.LogInformation("Safe {Safe}", safe);
                }
            }
            """,
            Logged(0, "Contact.Email (contact.email)", "LoggerExtensions.LogInformation"));

    [Fact]
    public Task An_exception_whose_message_is_built_from_personal_data_is_reported_where_it_is_created() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Service
            {
                public void Run(Customer c)
                {
                    if (c.Id < 0) throw {|#0:new InvalidOperationException($"No customer {c.Email}")|};
                    if (c.Id == 0) throw new InvalidOperationException($"No customer {c.Id}");
                }
            }
            """,
            V.Diagnostic("OPRIV001").WithLocation(0).WithMessage("Customer.Email (contact.email) is put in the message of 'new InvalidOperationException', which ends up in logs, with no consent check on the path").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task An_exception_of_this_project_counts_for_what_its_constructors_pass_on_to_the_message() =>
        V.AnalyzerAsync(Prelude + """
            public class AppException(string message) : Exception(message);

            public class Member
            {
                public int Id { get; set; }
                [Pii("contact.email")] public string Email { get; set; } = "";
                [Pii("identity.name")] public string Name { get; set; } = "";
            }

            public sealed class NotMemberException<T>(T member, string team)
                : AppException($"Member {member.Name ?? "?"} ({member.Id}) is not in {team}") where T : Member;

            public sealed class TierException : AppException
            {
                public TierException(Customer customer, string tier)
                    : this(customer.Tier, tier, customer)
                {
                }

                private TierException(string from, string to, Customer customer)
                    : base($"Cannot move from {from} to {to}")
                {
                    Customer = customer;
                }

                public Customer Customer { get; }
            }

            public sealed class NamedException : Exception
            {
                public NamedException(Customer customer) : base("Customer " + customer.Id) => Name = customer.Name;

                public string Name { get; }

                public override string Message => base.Message + " " + Name;
            }

            public sealed class Service
            {
                public void Run(Customer c, Member m)
                {
                    if (c.Id < 0) throw {|#0:new NotMemberException<Member>(m, "admins")|};
                    if (c.Id == 0) throw new TierException(c, "gold");
                    if (c.Id == 1) throw {|#1:new NamedException(c)|};
                }
            }
            """,
            V.Diagnostic("OPRIV001").WithLocation(0).WithMessage("Member.Name (identity.name) is put in the message of 'new NotMemberException', which ends up in logs, with no consent check on the path").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            V.Diagnostic("OPRIV001").WithLocation(1).WithMessage("Customer.Email (contact.email), Customer.Name (identity.name) is put in the message of 'new NamedException', which ends up in logs, with no consent check on the path").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task An_exception_given_the_address_alone_names_the_address() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class DuplicateException(Customer customer) : Exception($"Address {customer.Email} is taken");

            public sealed class Service
            {
                public void Run(Customer c)
                {
                    if (c.Id < 0) throw {|#0:new DuplicateException(c)|};
                }
            }
            """,
            V.Diagnostic("OPRIV001").WithLocation(0).WithMessage("Customer.Email (contact.email) is put in the message of 'new DuplicateException', which ends up in logs, with no consent check on the path").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task Exceptions_can_be_turned_off() =>
        V.AnalyzerAsync(
            Prelude + """
            public sealed class Service
            {
                public void Run(Customer c) => throw new InvalidOperationException($"No customer {c.Email}");
            }
            """,
            [],
            "octopus_privacy.report_exceptions = false\n");

    [Fact]
    public Task Message_brokers_are_third_parties_when_referenced() =>
        V.AnalyzerAsync(Prelude + """
            namespace MassTransit
            {
                public interface IPublishEndpoint { Task Publish<T>(T message) where T : class; }
            }

            namespace Confluent.Kafka
            {
                public sealed class Message<TKey, TValue> { public TKey Key { get; set; } = default!; public TValue Value { get; set; } = default!; }
                public interface IProducer<TKey, TValue> { void Produce(string topic, Message<TKey, TValue> message); }
            }

            namespace Azure.Messaging.ServiceBus
            {
                public class ServiceBusMessage { public ServiceBusMessage(string body) { Body = body; } public string Body { get; } }
                public class ServiceBusSender { public virtual Task SendMessageAsync(ServiceBusMessage message) => Task.CompletedTask; }
            }

            namespace RabbitMQ.Client
            {
                public interface IModel { void BasicPublish(string exchange, string routingKey, bool mandatory, object? basicProperties, ReadOnlyMemory<byte> body); }
            }

            public sealed record CustomerRegistered(string Email);

            public sealed class Events(MassTransit.IPublishEndpoint bus, Confluent.Kafka.IProducer<string, string> kafka, Azure.Messaging.ServiceBus.ServiceBusSender sender, RabbitMQ.Client.IModel channel)
            {
                public async Task Run(Customer c)
                {
                    await {|#0:bus.Publish(new CustomerRegistered(c.Email))|};
                    {|#1:kafka.Produce("customers", new Confluent.Kafka.Message<string, string> { Key = c.Id.ToString(), Value = c.Name })|};
                    await {|#2:sender.SendMessageAsync(new Azure.Messaging.ServiceBus.ServiceBusMessage(c.Email))|};
                    {|#3:channel.BasicPublish("", "customers", false, null, System.Text.Encoding.UTF8.GetBytes(c.Email))|};
                    await bus.Publish(new CustomerRegistered("anonymous"));
                    channel.BasicPublish("", "ids", false, null, System.Text.Encoding.UTF8.GetBytes(c.Id.ToString()));
                }
            }
            """,
            Shared(0, Email, "a message broker", "IPublishEndpoint.Publish"),
            Shared(1, Name, "a message broker", "IProducer.Produce"),
            Shared(2, Email, "a message broker", "ServiceBusSender.SendMessageAsync"),
            Shared(3, Email, "a message broker", "IModel.BasicPublish"));

    [Fact]
    public Task LoggerMessage_parameters_with_a_data_classification_are_redacted_and_not_reported() =>
        V.AnalyzerAsync(Prelude + """
            namespace Microsoft.Extensions.Compliance.Classification
            {
                public class DataClassificationAttribute : Attribute { }
            }

            namespace Microsoft.Extensions.Logging
            {
                [AttributeUsage(AttributeTargets.Parameter)]
                public sealed class LogPropertiesAttribute : Attribute { }
            }

            public sealed class PrivateDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute { }

            public sealed class Patient
            {
                [PrivateData] public string Diagnosis { get; set; } = "";
                public override string ToString() => "Patient " + Diagnosis;
            }

            public static partial class Log
            {
                [LoggerMessage(1, LogLevel.Information, "Mail {Email}")]
                public static partial void Classified(ILogger logger, [PrivateData] string email);

                [LoggerMessage(2, LogLevel.Information, "Mail {Email}")]
                public static partial void Plain(ILogger logger, string email);

                [LoggerMessage(3, LogLevel.Information, "Patient")]
                public static partial void Properties(ILogger logger, [LogProperties] Patient patient);

                [LoggerMessage(4, LogLevel.Information, "Patient {Patient}")]
                public static partial void Tag(ILogger logger, Patient patient);

                public static partial void Classified(ILogger logger, string email) { }
                public static partial void Plain(ILogger logger, string email) { }
                public static partial void Properties(ILogger logger, Patient patient) { }
                public static partial void Tag(ILogger logger, Patient patient) { }
            }

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c, Patient p)
                {
                    Log.Classified(logger, c.Email);
                    {|#0:Log.Plain(logger, c.Email)|};
                    Log.Properties(logger, p);
                    {|#1:Log.Tag(logger, p)|};
                }
            }
            """,
            Logged(0, Email, "Log.Plain"),
            Logged(1, "Patient.Diagnosis (PrivateData)", "Log.Tag"));

    [Fact]
    public Task What_a_call_hands_to_a_service_reached_through_a_dependency_stays_with_that_service() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Store { public HashSet<Customer> Customers { get; } = new(); }
            public interface IRepository { void Remove(IEnumerable<Customer> customers); }
            public sealed class Repository : IRepository
            {
                private readonly Store _store;
                public Repository(Store store) => _store = store;
                public void Remove(IEnumerable<Customer> customers) => _store.Customers.ExceptWith(customers);
            }

            public interface IUnitOfWork { IRepository Customers { get; } }
            public sealed class Settings { public string Folder { get; set; } = ""; }
            public interface IWatcher { void Restart(); }
            public sealed class Watcher : IWatcher
            {
                private readonly ILogger<Watcher> _logger;
                private readonly Settings _settings;
                public Watcher(ILogger<Watcher> logger, Settings settings) { _logger = logger; _settings = settings; }
                public void Restart() => _logger.LogDebug("Watching {Folder}", _settings.Folder);
            }

            public sealed class Cleanup
            {
                private readonly IUnitOfWork _unitOfWork;
                private readonly IWatcher _watcher;
                private readonly ILogger<Cleanup> _logger;
                private readonly List<string> _removed = new();

                public Cleanup(IUnitOfWork unitOfWork, IWatcher watcher, ILogger<Cleanup> logger)
                {
                    _unitOfWork = unitOfWork;
                    _watcher = watcher;
                    _logger = logger;
                }

                public void Run(List<Customer> customers)
                {
                    _unitOfWork.Customers.Remove(customers);
                    _watcher.Restart();
                    _logger.LogInformation("Watching {Folder}", _unitOfWork.Customers.ToString());
                    _removed.Add(customers[0].Email);
                    {|#0:_logger.LogInformation("Removed {Removed}", _removed)|};
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"));

    [Fact]
    public Task A_mail_sent_through_an_interface_a_generic_base_a_helper_and_an_abstract_method_is_found() =>
        V.AnalyzerAsync(Prelude + """
            public interface IAccountMailer<TUser> { Task SendConfirmationAsync(TUser user, string email, string link); }

            public abstract class MailerBase<TUser> : IAccountMailer<TUser>
            {
                public Task SendConfirmationAsync(TUser user, string email, string link) =>
                    SendInternalAsync(email, "Confirm your address", "Open " + link);

                private Task SendInternalAsync(string email, string subject, string body) =>
                    DeliverAsync(new MailMessage("noreply@example.invalid", email, subject, body));

                protected abstract Task DeliverAsync(MailMessage message);
            }

            public sealed class SmtpMailer : MailerBase<Customer>
            {
                protected override async Task DeliverAsync(MailMessage message)
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    await client.SendMailAsync(message);
                }
            }

            public sealed class ConfirmPage(IAccountMailer<Customer> mailer)
            {
                public Task OnPostAsync(Customer customer) => {|#0:mailer.SendConfirmationAsync(customer, customer.Email, "https://example.invalid/confirm")|};
            }
            """,
            Shared(0, Email, "an e-mail recipient", "IAccountMailer.SendConfirmationAsync → MailerBase.SendInternalAsync → MailerBase.DeliverAsync → SmtpClient.SendMailAsync"));

    [Fact]
    public Task Every_recipient_and_sink_a_call_reaches_is_named_once_however_many_paths_lead_there() =>
        V.AnalyzerAsync("using System.Net.Http;\n" + Prelude + """
            public interface IMailer { void Send(string to, string body); }

            public sealed class SmtpMailer : IMailer
            {
                public void Send(string to, string body)
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    client.Send("noreply@example.invalid", to, "Notice", body);
                }
            }

            public sealed class HttpMailer(HttpClient http) : IMailer
            {
                public void Send(string to, string body) => http.PostAsync("https://mail.example.invalid/send", new StringContent(to)).Wait();
            }

            public sealed class Notices(IMailer mailer)
            {
                public void Welcome(string email) => mailer.Send(email, "Welcome");
            }

            public sealed class Outreach(Notices notices)
            {
                public void Run(string email)
                {
                    notices.Welcome(email);
                    using var client = new SmtpClient("smtp.example.invalid");
                    client.Send("noreply@example.invalid", email, "News", "News");
                }
            }

            public sealed class Campaign(Outreach outreach)
            {
                public void Start(Customer customer) => {|#0:outreach.Run(customer.Email)|};
            }
            """,
            Shared(
                0,
                Email,
                "an HTTP endpoint and an e-mail recipient",
                "Outreach.Run → Notices.Welcome → IMailer.Send → HttpClient.PostAsync, Notices.Welcome → IMailer.Send → SmtpClient.Send"));

    [Fact]
    public Task A_method_of_the_object_itself_reports_what_it_sends_of_the_objects_members_where_it_sends_them() =>
        V.AnalyzerAsync(Prelude + """
            public interface ICustomers { Task<Customer> FindAsync(int id); }

            public sealed class Branding { public string Site { get; set; } = ""; }

            public abstract class Notification(ICustomers customers)
            {
                protected Customer? Current { get; private set; }

                protected Branding Branding { get; } = new();

                public async Task NotifyAsync(int id)
                {
                    Current = await customers.FindAsync(id);
                    Announce();
                }

                protected abstract void Announce();
            }

            public sealed class MailNotification(ICustomers customers) : Notification(customers)
            {
                protected override void Announce()
                {
                    using var client = new SmtpClient("smtp.example.invalid");
                    {|#0:client.Send("noreply@example.invalid", "admins@example.invalid", "New customer at " + Branding.Site, "Signed up: " + Current!.Name)|};
                }
            }
            """,
            Shared(0, Name, "an e-mail recipient", "SmtpClient.Send"));

    [Fact]
    public Task What_a_pair_of_recursive_methods_sends_is_reported_at_each_of_their_callers() =>
        // Each caller reaches its sink only through a pair of methods that call each other, one of which logs after the
        // recursive call. A search that enters the pair at the method that logs finds the other sending nothing while
        // the first is still open; that answer must not be kept for a caller that enters the pair at the other. The
        // pairs are entered in opposite orders, so whichever order the methods are analysed in, one pair is entered at
        // the method that logs before its other caller is analysed.
        V.AnalyzerAsync(Prelude + """
            public sealed class Walker(ILogger<Walker> logger)
            {
                public void Start(Customer c) => {|#0:Walk(c.Email, 3)|};

                public void Again(Customer c) => {|#1:Visit(c.Email, 2)|};

                private void Walk(string email, int n)
                {
                    if (n > 0)
                    {
                        Visit(email, n - 1);
                    }

                    logger.LogInformation("Walked {Email}", email);
                }

                private void Visit(string email, int n) => Walk(email, n);
            }

            public sealed class Climber(ILogger<Climber> logger)
            {
                public void Again(Customer c) => {|#2:Visit(c.Name, 2)|};

                public void Start(Customer c) => {|#3:Climb(c.Name, 3)|};

                private void Climb(string name, int n)
                {
                    if (n > 0)
                    {
                        Visit(name, n - 1);
                    }

                    logger.LogInformation("Climbed {Name}", name);
                }

                private void Visit(string name, int n) => Climb(name, n);
            }
            """,
            Logged(0, Email, "Walker.Walk → LoggerExtensions.LogInformation"),
            Logged(1, Email, "Walker.Visit → Walker.Walk → LoggerExtensions.LogInformation"),
            Logged(2, Name, "Climber.Visit → Climber.Climb → LoggerExtensions.LogInformation"),
            Logged(3, Name, "Climber.Climb → LoggerExtensions.LogInformation"));

    [Fact]
    public Task What_a_resource_sends_when_it_is_disposed_or_an_enumerator_when_it_moves_is_reported_at_the_using_or_the_loop() =>
        // Neither method calls anything that sends: the calls that send are the ones the compiler makes.
        V.AnalyzerAsync(Prelude + """
            public sealed class Session(ILogger<Session> logger) : IAsyncDisposable
            {
                private string _who = "";

                public void Open(string who) => _who = who;

                public ValueTask DisposeAsync()
                {
                    logger.LogInformation("Closing the session of {Who}", _who);
                    return default;
                }
            }

            public sealed class Mailbox(ILogger<Mailbox> logger) : IEnumerable<string>
            {
                private readonly List<string> _addresses = new();

                public void Add(string address) => _addresses.Add(address);

                public IEnumerator<string> GetEnumerator()
                {
                    logger.LogInformation("Reading {Addresses}", string.Join(", ", _addresses));
                    return _addresses.GetEnumerator();
                }

                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }

            public sealed class Shop(ILogger<Session> sessions, ILogger<Mailbox> mailboxes)
            {
                public async Task Checkout(Customer c)
                {
                    await using var {|#0:session = new Session(sessions)|};
                    session.Open(c.Email);
                }

                public int Count(Customer c)
                {
                    var mailbox = new Mailbox(mailboxes);
                    mailbox.Add(c.Name);
                    var count = 0;
                    foreach (var address in {|#1:mailbox|})
                    {
                        count++;
                    }

                    return count;
                }
            }
            """,
            Logged(0, Email, "IAsyncDisposable.DisposeAsync → LoggerExtensions.LogInformation"),
            Logged(1, Name, "Mailbox.GetEnumerator → LoggerExtensions.LogInformation"));

    [Fact]
    public Task What_a_call_returns_is_followed_unless_its_statement_throws_it_away() =>
        V.AnalyzerAsync(Prelude + """
            public sealed class Directory(ILogger<Directory> logger)
            {
                private readonly List<Customer> _customers = new();

                public string EmailOf(int id) => _customers[id].Email;

                public Task<string> EmailOfAsync(int id) => Task.FromResult(_customers[id].Email);

                public string Touch(int id)
                {
                    var email = _customers[id].Email;
                    {|#0:logger.LogInformation("Touched {Email}", email)|};
                    return email;
                }
            }

            public sealed class Caller(Directory directory, ILogger<Caller> logger)
            {
                public async Task Run()
                {
                    directory.Touch(1);
                    await directory.EmailOfAsync(2).ConfigureAwait(false);
                    var kept = directory.EmailOf(3);
                    {|#1:logger.LogInformation("{Email}", kept)|};
                    {|#2:logger.LogInformation("{Email}", await directory.EmailOfAsync(4).ConfigureAwait(false))|};
                    {|#3:logger.LogInformation("{Email}", directory.Touch(5))|};
                }
            }
            """,
            Logged(0, Email, "LoggerExtensions.LogInformation"),
            Logged(1, Email, "LoggerExtensions.LogInformation"),
            Logged(2, Email, "LoggerExtensions.LogInformation"),
            Logged(3, Email, "LoggerExtensions.LogInformation"));
}
