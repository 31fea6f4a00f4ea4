using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Tests.Robustness;

/// <summary>
/// No analyzer of the package throws on any attribute shape: every analyzer and suppressor in the analyzer assembly
/// runs over code whose members, parameters and return values carry attributes with arrays, nested arrays, <c>typeof</c>,
/// enums, nulls, named arguments and erroneous arguments, and no analyzer exception (AD0001) may come out.
/// </summary>
public sealed class AttributeShapeTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        [AttributeUsage(AttributeTargets.All, AllowMultiple = true)]
        public sealed class TagsAttribute : Attribute
        {
            public TagsAttribute(params string[] tags) { }
            public object? Extra { get; set; }
            public Type? Kind { get; set; }
            public string[]? Names { get; set; }
        }

        [AttributeUsage(AttributeTargets.All, AllowMultiple = true)]
        public sealed class ShapesAttribute : Attribute
        {
            public ShapesAttribute(object[] values) { }
            public ShapesAttribute(Type type) { }
            public ShapesAttribute(ConsoleColor color) { }
            public ShapesAttribute(string? text, int number) { }
            public ShapesAttribute(object? value) { }
        }

        [Tags("a", "b")]
        [Shapes(new object[] { new[] { "x", "y" }, new object[] { 1, typeof(int) }, ConsoleColor.Red, null! })]
        public sealed class Customer
        {
            [Tags] [Shapes(typeof(List<>))] [Pii("contact.email")]
            public string Email { get; set; } = "";

            [Tags("x", Extra = new[] { 1, 2 }, Kind = typeof(string), Names = new[] { "n" })] [Shapes(ConsoleColor.Blue)]
            public string Name { get; set; } = "";

            [Shapes(null, 3)] [Shapes((object?)null)] [Pii(null!)]
            public string Phone { get; set; } = "";

            [Pii(new[] { "contact.email" })] [DataRecipient(new[] { "processor" })]
            public string Broken { get; set; } = "";

            [Tags("f")] [Shapes(new object[] { new object[] { new[] { 1 } } })]
            public string Field = "";

            [return: Tags("r", "s")] [return: Shapes(typeof(int[]))]
            [DataRecipient("processor")] [Tags(new[] { "m" })]
            public string Send([Tags("p", "q")] [Shapes(new object[0])] string payload, [Pii("contact.email")] [Tags] string email) => payload + email;

            [ConsentCheck] [Tags("c")]
            public bool May([Tags("a", "b", "c")] int id) => id > 0;
        }

        public sealed class Service(ILogger<Service> logger)
        {
            [RequiresConsent] [Tags("o", Kind = typeof(Service))]
            public void Offer([Tags("c")] Customer customer) { }

            [Tags("s", Kind = typeof(Service))]
            public void Run([Tags("c")] Customer customer)
            {
                logger.LogInformation("{Email} {Name} {Phone} {Field}", customer.Email, customer.Name, customer.Phone, customer.Field);
                customer.Send(customer.Email, customer.Email);
                if (customer.May(1)) { logger.LogInformation("{E}", customer.Email); }
            }
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_analyzer_of_the_package_throws_on_any_attribute_shape(bool dataMap)
    {
        var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), "Shapes.cs");
        var compilation = CSharpCompilation.Create(
            "Shapes",
            [tree],
            References.Privacy.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The erroneous [Pii(new[] { ... })] and [DataRecipient(new[] { ... })] are compile errors, and stay in on purpose.
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        var analyzers = typeof(PiiFlowAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.True(analyzers.Length >= 5, "every analyzer and suppressor of the package runs");

        var exceptions = new List<Exception>();
        // In the build 'octopus-privacy map' runs, the analyzer also reports every site and personal member.
        var settings = dataMap ? new Dictionary<string, string> { ["build_property.OctopusPrivacyDataMap"] = "true" } : [];
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([], new GlobalSettings(settings)),
            onAnalyzerException: (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        // The analyzers did their work on the well-formed parts: the e-mail address logged without a check is reported.
        Assert.Contains(diagnostics, d => d.Id == "OPRIV001");
        Assert.Equal(dataMap, diagnostics.Any(d => d.Id == DiagnosticIds.DataMapSite));
        Assert.Equal(dataMap, diagnostics.Any(d => d.Id == DiagnosticIds.DataMapSource));
    }

    /// <summary>Analyzer options with these global (project-wide) values and nothing per file.</summary>
    private sealed class GlobalSettings(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private static readonly Settings None = new([]);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Settings(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

        private sealed class Settings(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
