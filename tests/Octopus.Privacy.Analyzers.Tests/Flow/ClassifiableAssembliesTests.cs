using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// The analyzer reads no attribute of a member whose assembly cannot see one: in a web project MVC's controller base,
/// HttpContext and the rest of the framework hold thousands of members, and reading them was most of the cost of
/// classifying the types a method touches (docs/benchmarks.md, Piranha.Manager). The shortcut must never lose a source:
/// a library that sees the attributes only through another library, and a framework generic over an application's type,
/// are still read.
/// </summary>
public sealed class ClassifiableAssembliesTests
{
    [Fact]
    public void Only_assemblies_that_see_an_attribute_and_types_over_such_assemblies_may_classify()
    {
        var models = Emit(Compile("public class Customer { [Octopus.Privacy.Pii(\"contact.email\")] public string Email { get; set; } = \"\"; }", "Models", References.Privacy.Value));
        var plain = Emit(Compile("public class Box<T> { public T Value { get; set; } = default!; } public class Invoice { public string Number { get; set; } = \"\"; }", "Plain", References.Framework.Value));
        var app = Compile("public class App { }", "App", [.. References.Privacy.Value, models, plain]);
        var symbols = PrivacySymbols.Resolve(app);
        var reach = new ClassifiableAssemblies(app.Assembly, [symbols.Pii, symbols.PersonalData, symbols.PrivacyCategory, symbols.DataClassification]);
        var customer = app.GetTypeByMetadataName("Customer")!;
        var invoice = app.GetTypeByMetadataName("Invoice")!;
        var box = app.GetTypeByMetadataName("Box`1")!;

        Assert.True(reach.MayClassify(app.Assembly));
        Assert.True(reach.MayClassify(symbols.Pii!.ContainingAssembly));
        Assert.True(reach.MayClassify(customer.ContainingAssembly));
        Assert.False(reach.MayClassify(invoice.ContainingAssembly));
        Assert.False(reach.MayClassify(app.GetSpecialType(SpecialType.System_Object).ContainingAssembly));
        Assert.False(reach.MayClassify(invoice));
        Assert.False(reach.MayClassify(box.Construct(invoice)));
        Assert.True(reach.MayClassify(box.Construct(customer)));
        Assert.True(reach.MayClassify(app.CreateArrayTypeSymbol(box.Construct(customer))));
    }

    [Fact]
    public async Task A_library_that_sees_the_attributes_only_through_another_library_is_still_read()
    {
        var people = Emit(Compile("public class Person { [Octopus.Privacy.Pii(\"contact.email\")] public string Email { get; set; } = \"\"; }", "People", References.Privacy.Value));
        var ordersReference = Emit(Compile("public class Order { public int Id { get; set; } public Person Buyer { get; set; } = new(); }", "Orders", [.. References.Framework.Value, people]));
        var app = Compile(
            """
            using Microsoft.Extensions.Logging;
            public class Checkout { public void Log(ILogger logger, Order order) => logger.LogInformation("{@Order}", order); }
            """,
            "App",
            [.. References.Privacy.Value, people, ordersReference]);

        // The orders library names no attribute's assembly itself: only its reference to People reaches one.
        var ordersAssembly = (IAssemblySymbol)app.GetAssemblyOrModuleSymbol(ordersReference)!;
        Assert.DoesNotContain(ordersAssembly.Modules.Single().ReferencedAssemblies, a => a.Name == typeof(PiiAttribute).Assembly.GetName().Name);
        Assert.Contains(ordersAssembly.Modules.Single().ReferencedAssemblies, a => a.Name == "People");
        var diagnostics = await app.WithAnalyzers([new PiiFlowAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        var finding = Assert.Single(diagnostics, d => d.Id == DiagnosticIds.PiiLoggedWithoutConsent);
        Assert.Contains("Email", finding.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_framework_type_generic_over_a_personal_type_still_carries_its_members()
    {
        var models = Emit(Compile("public class Customer { [Octopus.Privacy.Pii(\"contact.email\")] public string Email { get; set; } = \"\"; }", "Models", References.Privacy.Value));
        var plain = Emit(Compile("public class Box<T> { public T Value { get; set; } = default!; }", "Plain", References.Framework.Value));
        var app = Compile(
            """
            using Microsoft.Extensions.Logging;
            public class Service { public void Log(ILogger logger, Box<Customer> box, Box<int> count) { logger.LogInformation("{@Box}", box); logger.LogInformation("{@Count}", count); } }
            """,
            "App",
            [.. References.Privacy.Value, models, plain]);

        var diagnostics = await app.WithAnalyzers([new PiiFlowAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        var finding = Assert.Single(diagnostics, d => d.Id == DiagnosticIds.PiiLoggedWithoutConsent);
        Assert.Contains("{@Box}", finding.Location.SourceTree!.ToString().Substring(finding.Location.SourceSpan.Start, finding.Location.SourceSpan.Length), StringComparison.Ordinal);
    }

    private static PortableExecutableReference Emit(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static CSharpCompilation Compile(string source, string name, IEnumerable<MetadataReference> references) =>
        CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
