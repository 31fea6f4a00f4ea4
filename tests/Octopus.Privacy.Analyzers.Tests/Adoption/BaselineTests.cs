using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Octopus.Privacy.Analyzers.Baseline;

namespace Octopus.Privacy.Analyzers.Tests.Adoption;

/// <summary>A baseline accepts today's findings by fingerprint; new findings, and every finding of a broken baseline, are reported.</summary>
public sealed class BaselineTests
{
    private const string Code = """
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            [Pii("contact.email")] public string Email { get; set; } = "";
            [Pii("identity.name")] public string Name { get; set; } = "";
        }

        public sealed class Service(ILogger<Service> logger)
        {
            public void Accepted(Customer c) => {|#0:logger.LogInformation("{Email}", c.Email)|};

            public void New(Customer c) => {|#1:logger.LogInformation("{Email}", c.Email)|};

            public void OtherSource(Customer c) => {|#2:logger.LogInformation("{Name}", c.Name)|};
        }
        """;

    private const string Baseline = """
        {
          "version": 1,
          "findings": [
            { "rule": "OPRIV001", "member": "M:Service.Accepted(Customer)", "sink": "LoggerExtensions.LogInformation", "source": "Customer.Email (contact.email)", "file": "Service.cs", "line": 3 },
            { "rule": "OPRIV001", "member": "M:Service.OtherSource(Customer)", "sink": "LoggerExtensions.LogInformation", "source": "Customer.Email (contact.email)" }
          ]
        }
        """;

    [Fact]
    public async Task Only_findings_whose_rule_member_sink_and_source_are_in_the_baseline_are_suppressed()
    {
        var test = Test(Code, Baseline);
        test.ExpectedDiagnostics.Add(Leak(0, "Customer.Email (contact.email)").WithIsSuppressed(true));
        test.ExpectedDiagnostics.Add(Leak(1, "Customer.Email (contact.email)"));
        test.ExpectedDiagnostics.Add(Leak(2, "Customer.Name (identity.name)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Edits_above_the_finding_keep_it_accepted()
    {
        var edited = Code.Replace("public sealed class Service(ILogger<Service> logger)\n{", "public sealed class Service(ILogger<Service> logger)\n{\n    // A comment, and a method added above.\n    public int Count { get; set; }\n\n    public void Log() => logger.LogInformation(\"Count {Count}\", Count);\n", StringComparison.Ordinal);
        Assert.NotEqual(Code, edited);
        var test = Test(edited, Baseline);
        test.ExpectedDiagnostics.Add(Leak(0, "Customer.Email (contact.email)").WithIsSuppressed(true));
        test.ExpectedDiagnostics.Add(Leak(1, "Customer.Email (contact.email)"));
        test.ExpectedDiagnostics.Add(Leak(2, "Customer.Name (identity.name)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_a_baseline_nothing_is_suppressed()
    {
        var test = Test(Code, baseline: null);
        test.ExpectedDiagnostics.Add(Leak(0, "Customer.Email (contact.email)"));
        test.ExpectedDiagnostics.Add(Leak(1, "Customer.Email (contact.email)"));
        test.ExpectedDiagnostics.Add(Leak(2, "Customer.Name (identity.name)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_baseline_of_another_format_version_is_an_error_and_accepts_nothing()
    {
        var test = Test(Code, Baseline.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV006", DiagnosticSeverity.Error).WithLocation("/octopus-privacy.baseline.json", 1, 1)
            .WithArguments("the baseline file '/octopus-privacy.baseline.json': its \"version\" must be the number 1; write it again with octopus-privacy baseline create"));
        test.ExpectedDiagnostics.Add(Leak(0, "Customer.Email (contact.email)"));
        test.ExpectedDiagnostics.Add(Leak(1, "Customer.Email (contact.email)"));
        test.ExpectedDiagnostics.Add(Leak(2, "Customer.Name (identity.name)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Every_finding_carries_its_fingerprint_as_properties()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Fingerprints",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Code.Replace("{|#0:", string.Empty, StringComparison.Ordinal).Replace("{|#1:", string.Empty, StringComparison.Ordinal).Replace("{|#2:", string.Empty, StringComparison.Ordinal).Replace("|}", string.Empty, StringComparison.Ordinal))],
            References.Privacy.Value,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = await compilation.WithAnalyzers([new PiiFlowAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        var fingerprints = diagnostics.Select(d => Fingerprint.Of(d)?.ToString()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            [
                "OPRIV001 in M:Service.Accepted(Customer): Customer.Email (contact.email) to LoggerExtensions.LogInformation",
                "OPRIV001 in M:Service.New(Customer): Customer.Email (contact.email) to LoggerExtensions.LogInformation",
                "OPRIV001 in M:Service.OtherSource(Customer): Customer.Name (identity.name) to LoggerExtensions.LogInformation",
            ],
            fingerprints);
    }

    [Fact]
    public async Task Each_minimal_API_endpoint_has_a_fingerprint_of_its_own()
    {
        const string Endpoints = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.Logging;
            using Octopus.Privacy;

            public sealed class Customer
            {
                [Pii("contact.email")] public string Email { get; set; } = "";
            }

            public static class CustomerEndpoints
            {
                public static void Map(IEndpointRouteBuilder app, ILogger<Customer> logger)
                {
                    app.MapPost("/customers", (Customer c) => {|#0:logger.LogInformation("{Email}", c.Email)|});
                    app.MapPut("/customers/{id}", (int id, Customer c) => {|#1:logger.LogInformation("{Email}", c.Email)|});
                }
            }
            """;
        const string AcceptsThePost = """
            {
              "version": 1,
              "findings": [
                { "rule": "OPRIV001", "member": "M:CustomerEndpoints.Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder,Microsoft.Extensions.Logging.ILogger{Customer})#MapPost /customers", "sink": "LoggerExtensions.LogInformation", "source": "Customer.Email (contact.email)" }
              ]
            }
            """;
        var test = Test(Endpoints, AcceptsThePost);
        test.TestState.AdditionalReferences.AddRange(References.Libraries.Value);
        test.ExpectedDiagnostics.Add(Leak(0, "Customer.Email (contact.email)").WithIsSuppressed(true));
        test.ExpectedDiagnostics.Add(Leak(1, "Customer.Email (contact.email)"));
        await test.RunAsync();
    }

    private static DiagnosticResult Leak(int location, string source) =>
        new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments(source, "LoggerExtensions.LogInformation");

    private static BaselineTest Test(string source, string? baseline)
    {
        var test = new BaselineTest { TestCode = source, ReferenceAssemblies = References.None };
        test.TestState.AdditionalReferences.AddRange(References.Privacy.Value);
        if (baseline is not null)
        {
            test.TestState.AdditionalFiles.Add(("/octopus-privacy.baseline.json", baseline));

            // A real .editorconfig, not a global config: the key is read where the build reads it.
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\noctopus_privacy.baseline_file = octopus-privacy.baseline.json\n"));
        }

        return test;
    }

    /// <summary>The flow analyzer, the project files rule and the baseline suppressor, as the package runs them.</summary>
    private sealed class BaselineTest : CSharpAnalyzerTest<PiiFlowAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            [new PiiFlowAnalyzer(), new ProjectFilesAnalyzer(), new BaselineSuppressor()];
    }
}
