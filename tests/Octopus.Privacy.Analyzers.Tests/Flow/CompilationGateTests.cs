using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// A compilation in which nothing can be personal data is not analyzed method by method: in a real build most of a
/// solution's libraries reference the package and declare no personal data (docs/benchmarks.md, Piranha). The gate
/// must never close on a compilation that can hold personal data: one declared here, one declared in a referenced
/// model library, or a [RequiresConsent] method.
/// </summary>
public sealed class CompilationGateTests
{
    [Fact]
    public void A_library_that_references_the_package_but_declares_no_personal_data_is_not_analyzed()
    {
        Assert.False(MayHold(Compile("public class Invoice { public string Number { get; set; } = \"\"; public decimal Total { get; set; } }")));
    }

    [Fact]
    public void A_member_declared_with_a_category_opens_the_gate()
    {
        Assert.True(MayHold(Compile("public class Customer { [Octopus.Privacy.Pii(\"contact.email\")] public string Email { get; set; } = \"\"; }")));
    }

    [Fact]
    public void A_parameter_declared_with_a_category_opens_the_gate()
    {
        Assert.True(MayHold(Compile("public class Mailer { public void Send([Octopus.Privacy.Pii(\"contact.email\")] string to) { } }")));
    }

    [Fact]
    public void An_attribute_named_through_an_alias_opens_the_gate()
    {
        Assert.True(MayHold(Compile("using Personal = Octopus.Privacy.PiiAttribute; public class Customer { [Personal(\"contact.email\")] public string Email { get; set; } = \"\"; }")));
    }

    [Fact]
    public void A_sanitizer_alone_does_not_open_the_gate()
    {
        Assert.False(MayHold(Compile("public static class Mask { [Octopus.Privacy.PiiSanitizer] public static string Hide(string s) => \"***\"; }")));
    }

    [Fact]
    public void A_web_project_opens_the_gate_through_claims_even_without_attributes()
    {
        var web = Compile("public class Page { }", "Web", [.. References.Libraries.Value]);

        Assert.True(MayHold(web));
    }

    [Fact]
    public void An_account_that_keeps_a_password_hash_opens_the_gate_declared_here_or_in_a_referenced_project()
    {
        const string Account = "namespace Clinic.Domain; public class Utilizator { public string Email { get; set; } = \"\"; public byte[] PasswordHash { get; set; } = []; }";
        Assert.True(MayHold(Compile(Account)));

        // Built, as a build references a project: the image references only what it uses, not the package.
        var domain = Built(Compile(Account, "Clinic.Domain"));
        Assert.True(MayHold(Compile("public class Handler { public string? Name(Clinic.Domain.Utilizator u) => null; }", "Clinic.Application", domain)));

        var notAccount = Built(Compile("namespace Shop.Domain; public class Subscriber { public string Email { get; set; } = \"\"; public string PasswordResetUrl { get; set; } = \"\"; }", "Shop.Domain"));
        Assert.False(MayHold(Compile("public class Handler { }", "Shop.Application", notAccount)));
    }

    private static PortableExecutableReference Built(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    [Fact]
    public void A_method_that_requires_consent_opens_the_gate()
    {
        Assert.True(MayHold(Compile("public class Partner { [Octopus.Privacy.RequiresConsent] public void Share(string id) { } }")));
    }

    [Fact]
    public void A_referenced_model_library_built_against_the_attributes_opens_the_gate()
    {
        var models = Compile("public class Customer { [Octopus.Privacy.Pii(\"contact.email\")] public string Email { get; set; } = \"\"; }", "Models");
        using var stream = new MemoryStream();
        Assert.True(models.Emit(stream).Success);

        var services = Compile("public class Service { public int Count(Customer c) => c.Email.Length; }", "Services", MetadataReference.CreateFromImage(stream.ToArray()));

        Assert.True(MayHold(services));
    }

    [Fact]
    public async Task A_closed_gate_still_leaves_a_finding_in_a_project_that_has_personal_data_reported()
    {
        // The same analyzer, one compilation with personal data: the gate must not have cost the finding.
        var compilation = Compile("""
            using Microsoft.Extensions.Logging;
            public class Customer { [Octopus.Privacy.Pii("contact.email")] public string Email { get; set; } = ""; }
            public class Service { public void Log(ILogger logger, Customer c) => logger.LogInformation("{Email}", c.Email); }
            """);
        var diagnostics = await compilation.WithAnalyzers([new PiiFlowAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.PiiLoggedWithoutConsent);
    }

    [Fact]
    public void OPRIV004_looks_at_no_statement_where_nothing_can_call_a_consent_check()
    {
        Assert.False(CanReachCheck(Compile("public class Invoice { public bool IsPaid() => true; public void Pay() { IsPaid(); } }")));
    }

    [Theory]
    [InlineData("using Octopus.Privacy; public class S { public void M(IPrivacyGuard g, DataUseRequest r) { g.IsPermitted(r); } }")]
    [InlineData("public class S { public void M(Octopus.Privacy.IPrivacyGuard g) { } }")]
    [InlineData("using Check = Octopus.Privacy.ConsentCheckAttribute; public class S { [Check] public bool May() => true; }")]
    public void OPRIV004_looks_where_the_source_names_the_package_or_declares_a_check(string source)
    {
        Assert.True(CanReachCheck(Compile(source)));
    }

    [Fact]
    public async Task OPRIV004_reports_a_check_of_a_referenced_library_called_without_naming_the_package()
    {
        var library = Compile("public class Consent { [Octopus.Privacy.ConsentCheck] public bool MayEmail(string id) => false; }", "Consent");
        using var stream = new MemoryStream();
        Assert.True(library.Emit(stream).Success);
        var service = Compile("public class Service { public void Send(Consent consent) { consent.MayEmail(\"s-1\"); } }", "Services", MetadataReference.CreateFromImage(stream.ToArray()));

        var diagnostics = await service.WithAnalyzers([new ConsentCheckResultDiscardedAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.True(CanReachCheck(service));
        Assert.Equal(DiagnosticIds.ConsentCheckResultDiscarded, Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("public class C { public string Name { get; set; } = \"\"; }", false)]
    [InlineData("public static class Mask { [Octopus.Privacy.PiiSanitizer] public static string Hide(string s) => s; }", false)]
    [InlineData("public class C { [Octopus.Privacy.Pii(\"contact.email\")] public string Email { get; set; } = \"\"; }", true)]
    [InlineData("public class Partner { [Octopus.Privacy.DataRecipient(\"processor\")] public void Send(string s) { } }", true)]
    [InlineData("using Recipient = Octopus.Privacy.DataRecipientAttribute; public class Partner { [Recipient(\"processor\")] public void Send(string s) { } }", true)]
    public void OPRIV005_looks_only_where_an_attribute_names_a_policy_name(string source, bool looks)
    {
        Assert.Equal(looks, DeclarationFacts.For(Compile(source), CancellationToken.None).NamesPolicyName);
    }

    private static bool CanReachCheck(CSharpCompilation compilation) => ConsentCheckResultDiscardedAnalyzer.CanReachConsentCheck(compilation, CancellationToken.None);

    private static bool MayHold(CSharpCompilation compilation) => PrivacySymbols.MayHoldPersonalData(compilation, CancellationToken.None);

    private static CSharpCompilation Compile(string source, string name = "Library", params MetadataReference[] more) =>
        CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            [.. References.Privacy.Value, .. more],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
