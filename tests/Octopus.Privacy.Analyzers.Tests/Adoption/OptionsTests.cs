using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Octopus.Privacy.Analyzers.Configuration;

namespace Octopus.Privacy.Analyzers.Tests.Adoption;

/// <summary>
/// Sink and check ids as real projects write them: several parameters, generic types, in the [*.cs] section of a
/// real (non-global) .editorconfig, for methods declared in referenced assemblies.
/// </summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData("M:A.B(System.String,System.Int32)", new[] { "M:A.B(System.String,System.Int32)" })]
    [InlineData("M:A.B(System.String,System.Int32), M:C.D", new[] { "M:A.B(System.String,System.Int32)", "M:C.D" })]
    [InlineData("M:A.B(System.String, System.Int32) M:C.D(System.Collections.Generic.List{System.String},System.Object[])", new[] { "M:A.B(System.String,System.Int32)", "M:C.D(System.Collections.Generic.List{System.String},System.Object[])" })]
    [InlineData(" , M:A.B ,, ", new[] { "M:A.B" })]
    public void Ids_are_split_on_commas_and_spaces_outside_parameter_lists(string value, string[] expected) =>
        Assert.Equal(expected, ConfiguredMethods.SplitIds(value));

    [Fact]
    public async Task Log_sinks_with_several_parameters_declared_in_a_referenced_assembly_work_from_the_cs_section()
    {
        var test = new CSharpAnalyzerTest<PiiFlowAnalyzer, DefaultVerifier>
        {
            TestCode = """
                using System.Collections.Generic;
                using System.IO;
                using System.Text;
                using Octopus.Privacy;

                public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

                public static class Service
                {
                    public static void Run(Customer c)
                    {
                        {|#0:File.AppendAllText("audit.log", c.Email)|};
                        File.AppendAllText("audit.log", c.Email, Encoding.UTF8);
                        {|#1:File.WriteAllLines("audit.log", new List<string> { c.Email })|};
                    }
                }
                """,
            ReferenceAssemblies = References.None,
        };
        test.TestState.AdditionalReferences.AddRange(References.Privacy.Value);

        // Only the overloads named are sinks: AppendAllText with an encoding is not.
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            octopus_privacy.additional_log_sinks = M:System.IO.File.AppendAllText(System.String,System.String), M:System.IO.File.WriteAllLines(System.String,System.Collections.Generic.IEnumerable{System.String})
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Customer.Email (contact.email)", "File.AppendAllText"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Customer.Email (contact.email)", "File.WriteAllLines"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_consent_check_with_several_parameters_from_the_cs_section_guards()
    {
        var test = new CSharpAnalyzerTest<PiiFlowAnalyzer, DefaultVerifier>
        {
            TestCode = """
                using Microsoft.Extensions.Logging;
                using Octopus.Privacy;

                public sealed class Customer { [Pii("contact.email")] public string Email { get; set; } = ""; }

                public static class Consent
                {
                    public static bool Allows(string subject, string purpose, int version) => false;
                }

                public sealed class Service(ILogger<Service> logger)
                {
                    public void Run(Customer c)
                    {
                        if (Consent.Allows("s", "marketing.offers", 1))
                        {
                            logger.LogInformation("{Email}", c.Email);
                        }

                        {|#0:logger.LogInformation("{Email}", c.Email)|};
                    }
                }
                """,
            ReferenceAssemblies = References.None,
        };
        test.TestState.AdditionalReferences.AddRange(References.Privacy.Value);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
            root = true

            [*.cs]
            octopus_privacy.additional_consent_checks = M:Consent.Allows(System.String,System.String,System.Int32)
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Customer.Email (contact.email)", "LoggerExtensions.LogInformation"));
        await test.RunAsync();
    }
}
