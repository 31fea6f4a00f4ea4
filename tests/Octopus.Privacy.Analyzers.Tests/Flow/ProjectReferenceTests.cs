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
            }
        }
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

        // A library call carries its arguments into its result (MailOf); the whole customer is logged as an object.
        Assert.Equal([("OPRIV001", 14), ("OPRIV001", 15)], lines);
    }
}
