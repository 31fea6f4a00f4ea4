using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Octopus.Privacy.Analyzers.Policy;

namespace Octopus.Privacy.Analyzers.Tests.Adoption;

/// <summary>
/// OPRIV006: a policy or baseline file the project names that cannot be used fails the build, at its position,
/// instead of a silent fall-back to the embedded policy.
/// </summary>
public sealed class ProjectFilesTests
{
    private const string SecretLeak = """
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Card { [Pii("payment.card")] public string Number { get; set; } = ""; }

        public sealed class Payments(ILogger<Payments> logger)
        {
            public void Charge(Card card) => {|#0:logger.LogInformation("Charging {Card}", card.Number)|};
        }
        """;

    private const string Policy = """
        {
          "name": "Payments",
          "version": "1",
          "categories": { "payment.card": { "personal": true, "secret": true } },
          "purposes": {},
          "recipients": {}
        }
        """;

    [Fact]
    public async Task A_well_formed_project_policy_makes_its_secret_category_an_error()
    {
        var test = Test(SecretLeak, ("/payments.privacy.json", Policy));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV003", DiagnosticSeverity.Error).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Card.Number (payment.card)", "logged", "LoggerExtensions.LogInformation"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_truncated_policy_is_an_error_at_the_end_of_the_file_not_a_passing_build()
    {
        // Cut after the secret category's name: before this rule, the embedded policy silently took over and the
        // OPRIV003 error became an OPRIV001 warning, a passing build.
        var truncated = Policy[..(Policy.IndexOf("\"payment.card\"", StringComparison.Ordinal) + "\"payment.card\"".Length)];
        var test = Test(SecretLeak, ("/payments.privacy.json", truncated));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV006", DiagnosticSeverity.Error).WithLocation("/payments.privacy.json", 4, 33)
            .WithArguments("the policy file '/payments.privacy.json': ':' expected after a property name"));
        ExpectTheEmbeddedPolicysFindings(test);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_policy_nested_300000_deep_is_an_error_and_does_not_overflow_the_stack()
    {
        var nested = new StringBuilder("{ \"name\": \"deep\", \"categories\": ");
        nested.Append('[', 300_000).Append(']', 300_000).Append(" }");
        var test = Test(SecretLeak, ("/payments.privacy.json", nested.ToString()));

        // Reading stops at the 64th '[': with the root object, that is the 65th level, and 64 are allowed.
        var column = nested.ToString().IndexOf('[', StringComparison.Ordinal) + MiniJson.MaxDepth;
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV006", DiagnosticSeverity.Error).WithLocation("/payments.privacy.json", 1, column)
            .WithArguments("the policy file '/payments.privacy.json': objects and arrays nested deeper than 64 levels"));
        ExpectTheEmbeddedPolicysFindings(test);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_policy_named_by_the_editorconfig_that_is_not_an_additional_file_is_an_error()
    {
        var test = Test("public sealed class Empty { }");
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\noctopus_privacy.policy_file = policies/missing.json\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV006", DiagnosticSeverity.Error).WithNoLocation()
            .WithArguments("the policy file 'policies/missing.json' named by the octopus_privacy.policy_file key: it is not among the project's AdditionalFiles (add <AdditionalFiles Include=\"policies/missing.json\" />)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Two_policy_files_and_no_choice_is_an_error()
    {
        var test = Test("public sealed class Empty { }", ("/a.privacy.json", Policy), ("/b.privacy.json", Policy));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV006", DiagnosticSeverity.Error).WithNoLocation()
            .WithArguments("a policy: 2 AdditionalFiles end in .privacy.json (a.privacy.json, b.privacy.json); name the project's with the OctopusPrivacyPolicyFile property or the octopus_privacy.policy_file key"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_broken_baseline_is_an_error_and_accepts_nothing()
    {
        var test = Test(SecretLeak.Replace("payment.card", "contact.email", StringComparison.Ordinal), ("/octopus-privacy.baseline.json", "{ \"version\": 1, \"findings\": [ { \"rule\": \"OPRIV001\" "));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\noctopus_privacy.baseline_file = octopus-privacy.baseline.json\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV006", DiagnosticSeverity.Error).WithLocation("/octopus-privacy.baseline.json", 1, 52)
            .WithArguments("the baseline file '/octopus-privacy.baseline.json': ',' or '}' expected"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Card.Number (contact.email)", "LoggerExtensions.LogInformation"));
        await test.RunAsync();
    }

    /// <summary>
    /// With the project's policy unusable, the analyzers go on with the embedded one, which does not know the secret
    /// category: a warning and an undeclared name, beside the OPRIV006 error that fails the build.
    /// </summary>
    private static void ExpectTheEmbeddedPolicysFindings(ProjectFilesTest test)
    {
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV001", DiagnosticSeverity.Warning).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Card.Number (payment.card)", "LoggerExtensions.LogInformation"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OPRIV005", DiagnosticSeverity.Warning).WithSpan(4, 29, 4, 48)
            .WithArguments("payment.card", "data category", "Octopus Group Privacy Policy"));
    }

    private static ProjectFilesTest Test(string source, params (string Path, string Text)[] files)
    {
        var test = new ProjectFilesTest { TestCode = source, ReferenceAssemblies = References.None };
        test.TestState.AdditionalReferences.AddRange(References.Privacy.Value);
        foreach (var file in files)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        return test;
    }

    /// <summary>The analyzers a build runs together: the flow rules, the policy-name rule and the project files rule.</summary>
    private sealed class ProjectFilesTest : CSharpAnalyzerTest<ProjectFilesAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            [new ProjectFilesAnalyzer(), new PiiFlowAnalyzer(), new UndeclaredPolicyNameAnalyzer()];
    }
}
