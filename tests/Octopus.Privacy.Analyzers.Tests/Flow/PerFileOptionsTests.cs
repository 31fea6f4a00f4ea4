using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.Logging;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>Options of an .editorconfig section apply to the code of the files it matches, read where the call is.</summary>
public sealed class PerFileOptionsTests
{
    private const string Model = """
        using System;
        using Octopus.Privacy;

        public sealed class Customer
        {
            [Pii("contact.email")] public string Email { get; set; } = "";
        }

        public static class Audit
        {
            public static void Write(string text) { }
        }
        """;

    private const string Code = """
        using System;

        public sealed class NAME
        {
            public void Run(Customer c)
            {
                Audit.Write(c.Email);
                if (c.Email.Length == 0) throw new InvalidOperationException(c.Email);
            }
        }
        """;

    [Fact]
    public async Task A_section_for_one_file_changes_what_is_reported_in_that_file_only()
    {
        var test = new CSharpAnalyzerTest<PiiFlowAnalyzer, DefaultVerifier> { ReferenceAssemblies = References.None };
        test.TestState.Sources.Add(("/0/Model.cs", Model));
        test.TestState.Sources.Add(("/0/Strict.cs", Code.Replace("NAME", "Strict", StringComparison.Ordinal)));
        test.TestState.Sources.Add(("/0/Relaxed.cs", Code.Replace("NAME", "Relaxed", StringComparison.Ordinal)));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            octopus_privacy.additional_log_sinks = M:Audit.Write(System.String)

            [Relaxed.cs]
            octopus_privacy.additional_log_sinks =
            octopus_privacy.report_exceptions = false
            """));
        test.TestState.AdditionalReferences.AddRange(References.Privacy.Value);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation("/0/Strict.cs", 7, 9).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Customer.Email (contact.email)", "Audit.Write"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation("/0/Strict.cs", 8, 40).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Customer.Email (contact.email)", "new InvalidOperationException"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_project_wide_option_in_the_cs_section_of_an_editorconfig_applies()
    {
        var test = new CSharpAnalyzerTest<PiiFlowAnalyzer, DefaultVerifier> { ReferenceAssemblies = References.None };
        test.TestState.Sources.Add(("/0/Model.cs", Model));
        test.TestState.Sources.Add(("/0/Service.cs", """
            using Microsoft.Extensions.Logging;

            public sealed class Service(ILogger<Service> logger)
            {
                public void Run(Customer c)
                {
                    logger.LogInformation("{Customer}", c);
                    logger.LogInformation("{Email}", c.Email);
                }
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            octopus_privacy.max_type_depth = 0
            """));
        test.TestState.AdditionalReferences.AddRange(References.Privacy.Value);

        // Depth 0: an object is not personal data by its members, only the member read itself is.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation("/0/Service.cs", 8, 9).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation"));
        await test.RunAsync();
    }
}
