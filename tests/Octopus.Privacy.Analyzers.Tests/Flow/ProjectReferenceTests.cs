using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// A project referenced as a compilation (as IDEs reference projects): its methods have syntax that is not part of the
/// compilation being analyzed. They are treated as library methods, and nothing throws.
/// </summary>
public sealed class ProjectReferenceTests
{
    private const string Library = """
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        namespace Lib;

        public sealed class Customer
        {
            [Pii("contact.email")] public string Email { get; set; } = "";
            public override string ToString() => "Customer " + Email;
        }

        public interface INotifier { void Notify(string text); }

        public class Notifier(ILogger<Notifier> logger) : INotifier
        {
            public virtual void Notify(string text) => logger.LogInformation("{Text}", text);
            public static string MailOf(Customer c) => c.Email;
        }

        public class LibException(string message) : System.Exception(message);
        """;

    private const string App = """
        using Microsoft.Extensions.Logging;
        using Lib;

        public sealed class LocalNotifier(ILogger<LocalNotifier> logger) : Notifier(logger)
        {
            public override void Notify(string text) => base.Notify(text);
        }

        public sealed class Service(INotifier notifier, ILogger<Service> logger)
        {
            public void Run(Customer c)
            {
                notifier.Notify(c.Email);
                logger.LogInformation("{Mail}", Notifier.MailOf(c));
                logger.LogInformation("{Customer}", c);
                if (c.Email.Length == 0) throw new MissingException(c);
            }
        }

        public sealed class MissingException(Customer c) : LibException($"No address for {c}");
        """;

    [Fact]
    public async Task Methods_of_a_referenced_compilation_are_library_methods_and_nothing_throws()
    {
        var references = References.Privacy.Value;
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var library = CSharpCompilation.Create("Lib", [CSharpSyntaxTree.ParseText(Library, path: "/0/Lib.cs")], references, options);
        var app = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText(App, path: "/0/App.cs")], [.. references, library.ToMetadataReference()], options);
        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await app.WithAnalyzers([new PiiFlowAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var lines = diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1)).OrderBy(d => d.Item2).ToList();

        // A library call carries its arguments into its result (MailOf); the whole customer is logged as an object, and
        // put in the message of an exception whose base constructor is the other project's.
        Assert.Equal([("OPRIV001", 14), ("OPRIV001", 15), ("OPRIV001", 16)], lines);
    }

    private const string LoggingLibrary = """
        using System;
        using Microsoft.Extensions.Logging;

        namespace Shared.Logging;

        public static class LoggerWrappers
        {
            public static void LogErrorMessage(this ILogger logger, string message) => logger.LogError("{Message}", message);
            public static void LogWarningMessage(this ILogger logger, string message, Exception? error = null) => logger.LogWarning(error, "{Message}", message);
            public static string Describe(this ILogger logger, string text) => logger.GetType().Name + text;
            public static void Note(this ILogger logger, string text) => logger.LogInformation("{Text}", text);
            public static void LogResult<T>(this ILogger logger, Outcome<T> result) => logger.LogInformation("Succeeded: {Ok}", result.Succeeded);
        }

        public sealed class Outcome<T>(T value, bool succeeded)
        {
            public T Value { get; } = value;
            public bool Succeeded { get; } = succeeded;
        }
        """;

    private const string LoggingApp = """
        using System;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;
        using Shared.Logging;

        public sealed class Customer
        {
            [Pii("contact.email")] public string Email { get; set; } = "";
            public string Tier { get; set; } = "";
        }

        public sealed class Lookup(ILogger<Lookup> logger)
        {
            public void Missing(Customer c)
            {
                logger.LogErrorMessage($"Couldn't find {c.Email}.");
                logger.LogWarningMessage("Lookup failed for " + c.Email, new InvalidOperationException());
                logger.LogErrorMessage($"Couldn't find a customer of tier {c.Tier}.");
                var text = logger.Describe(c.Tier);
                logger.Note(c.Email);
                logger.LogResult(new Outcome<Customer>(c, false));
            }
        }
        """;

    [Fact]
    public async Task A_logging_wrapper_of_a_library_or_another_project_is_a_log()
    {
        foreach (var found in await FindingsWithLibraryAsync("Shared.Logging", LoggingLibrary, LoggingApp))
        {
            // The Log methods on a logger write the text they are given; an extension of another name (Note) is a library
            // call whose body is out of reach, as before, and an object of another type (an outcome holding a customer)
            // is not taken for the text written.
            Assert.Equal(
                [
                    ("OPRIV001", 16, "Customer.Email (contact.email) is written to a log by 'LoggerWrappers.LogErrorMessage' with no consent check on the path"),
                    ("OPRIV001", 17, "Customer.Email (contact.email) is written to a log by 'LoggerWrappers.LogWarningMessage' with no consent check on the path"),
                ],
                found);
        }
    }

    private const string MailLibrary = """
        using System.Threading.Tasks;

        namespace Shared.Email;

        public class EmailSender
        {
            public virtual Task SendResetPasswordEmailAsync(string to, string resetUrl) => Task.CompletedTask;
            public string Describe(string to) => "mail to " + to;
        }

        public class ReportService
        {
            public Task SendAsync(string text) => Task.CompletedTask;
        }
        """;

    private const string MailApp = """
        using System.Threading.Tasks;
        using Octopus.Privacy;
        using Shared.Email;

        public sealed class Customer
        {
            [Pii("contact.email")] public string Email { get; set; } = "";
        }

        public sealed class LocalSender : EmailSender
        {
            public override Task SendResetPasswordEmailAsync(string to, string resetUrl) => Task.CompletedTask;
        }

        public sealed class Reset(EmailSender mail, LocalSender local, ReportService reports)
        {
            public async Task Run(Customer c)
            {
                await mail.SendResetPasswordEmailAsync(c.Email, "https://example.invalid/reset");
                await local.SendResetPasswordEmailAsync(c.Email, "https://example.invalid/reset");
                await reports.SendAsync(c.Email);
                _ = mail.Describe(c.Email);
            }
        }
        """;

    [Fact]
    public async Task A_mail_senders_send_method_in_another_project_is_a_third_party()
    {
        foreach (var found in await FindingsWithLibraryAsync("Shared.Email", MailLibrary, MailApp))
        {
            // The other project's mail sender sends; an override here is followed (it sends nothing); a service of
            // another name, and a mail sender's method that does not send, are library calls.
            Assert.Equal(
                [("OPRIV002", 19, "Customer.Email (contact.email) is sent to an e-mail recipient by 'EmailSender.SendResetPasswordEmailAsync' with no consent check on the path")],
                found);
        }
    }

    private const string AccountsLibrary = """
        using System;
        using System.Threading.Tasks;

        namespace Clinic.Domain;

        public class Utilizator
        {
            public Guid Id { get; set; }
            public string Username { get; set; } = "";
            public string Email { get; set; } = "";
            public byte[] PasswordHash { get; set; } = [];
        }

        public sealed class Medic : Utilizator
        {
            public string Specialty { get; set; } = "";
        }

        public interface IUtilizatori
        {
            Task<Utilizator?> GetByEmailAsync(string email);
        }
        """;

    private const string AccountsApp = """
        using System.Threading.Tasks;
        using Clinic.Domain;
        using Microsoft.Extensions.Logging;

        public sealed class Login(IUtilizatori accounts, ILogger<Login> logger)
        {
            public async Task Run(string email, Medic medic)
            {
                logger.LogInformation("Login {Address}", email);
                var account = await accounts.GetByEmailAsync(email);
                logger.LogInformation("Found {Name}", account?.Username);
                logger.LogInformation("Medic {Name} of {Specialty}", medic.Username, medic.Specialty);
            }
        }
        """;

    [Fact]
    public async Task An_account_declared_in_another_project_is_a_users_by_its_password_hash()
    {
        foreach (var found in await FindingsWithLibraryAsync("Clinic.Domain", AccountsLibrary, AccountsApp))
        {
            // The domain project's account keeps a password's hash: the address it is found by and its user name are the
            // user's, in a class derived from it as well; the medic's specialty is not.
            Assert.Equal(
                [
                    ("OPRIV001", 9, "Utilizator.Email (contact.email) is written to a log by 'LoggerExtensions.LogInformation' with no consent check on the path"),
                    ("OPRIV001", 11, "Utilizator.Username (identity.name) is written to a log by 'LoggerExtensions.LogInformation' with no consent check on the path"),
                    ("OPRIV001", 12, "Utilizator.Username (identity.name) is written to a log by 'LoggerExtensions.LogInformation' with no consent check on the path"),
                ],
                found);
        }
    }

    /// <summary>
    /// The findings in <paramref name="appSource"/> (rule, line, message, by line), once with the library referenced as a
    /// compilation (as IDEs reference projects) and once as a built image (as a build does); never an AD0001.
    /// </summary>
    private static async Task<List<List<(string Id, int Line, string Message)>>> FindingsWithLibraryAsync(string libraryName, string librarySource, string appSource)
    {
        var references = References.Privacy.Value;
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var library = CSharpCompilation.Create(libraryName, [CSharpSyntaxTree.ParseText(librarySource, path: "/0/Lib.cs")], references, options);
        var results = new List<List<(string Id, int Line, string Message)>>();
        foreach (var reference in new MetadataReference[] { library.ToMetadataReference(), MetadataReference.CreateFromImage(Emit(library)) })
        {
            var app = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText(appSource, path: "/0/App.cs")], [.. references, reference], options);
            Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var diagnostics = await app.WithAnalyzers([new PiiFlowAnalyzer()]).GetAnalyzerDiagnosticsAsync();

            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            results.Add(diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))).OrderBy(d => d.Item2).ToList());
        }

        return results;
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }
}
