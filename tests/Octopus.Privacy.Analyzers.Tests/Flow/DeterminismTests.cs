using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// What a call is found to do depends only on the code, never on which method the analysis happened to summarize first:
/// methods are analysed concurrently in a build, in any order.
/// </summary>
public sealed class DeterminismTests
{
    private const string Model = """
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public sealed class Customer
        {
            [Pii("contact.email")] public string Email { get; set; } = "";
        }

        """;

    private const string Chain = Model + """
        public sealed partial class Relay(ILogger<Relay> logger)
        {
            private void Write(string text) => logger.LogInformation("{Text}", text);
            private void L4(string text) => Write(text);
            private void L3(string text) => L4(text);
            private void L2(string text) => L3(text);
            private void L1(string text) => L2(text);
        }
        """;

    // Deeper than summaries reach from here: four calls down to the one that logs.
    private const string Deep = """
        public sealed partial class Relay
        {
            public void Deep(Customer c) => L1(c.Email);
        }
        """;

    // Close enough: its summary of L2 follows the chain to the log.
    private const string Near = """
        public sealed partial class Relay
        {
            public void Near(Customer c) => L2(c.Email);
        }
        """;

    [Fact]
    public async Task A_call_is_reported_alike_whichever_method_is_analysed_first()
    {
        var deepFirst = await FindingsAsync(Chain, Deep, Near);
        var nearFirst = await FindingsAsync(Chain, Near, Deep);

        Assert.Equal(deepFirst, nearFirst);
        Assert.Contains(deepFirst, f => f.StartsWith("OPRIV001 in Near", StringComparison.Ordinal));
    }

    // L2 logs what it is given, and passes it down a chain longer than a summary computed below the top can follow.
    private const string CutChain = Model + """
        public sealed partial class Relay(ILogger<Relay> logger)
        {
            private void Write(string text) => logger.LogInformation("{Text}", text);
            private void L5(string text) => Write(text);
            private void L4(string text) => L5(text);
            private void L3(string text) => L4(text);
            private void L2(string text)
            {
                logger.LogInformation("{Text}", text);
                L3(text);
            }

            private void First(string text) => L2(text);
            private void Second(string text) => L2(text);
            private void W(string text) => Second(text);
            private void V(string text) => W(text);
            private void U(string text) => V(text);
        }
        """;

    // Summarizes L2 one call below the top, where its chain is cut short.
    private const string ThroughFirst = """
        public sealed partial class Relay
        {
            public void ThroughFirst(Customer c) => First(c.Email);
        }
        """;

    // Its summary of Second takes that summary of L2, cut short below it.
    private const string ThroughSecond = """
        public sealed partial class Relay
        {
            public void ThroughSecond(Customer c) => Second(c.Email);
        }
        """;

    // Reaches Second four calls down: L2, one call further, is beyond what summaries follow from here.
    private const string Far = """
        public sealed partial class Relay
        {
            public void Far(Customer c) => U(c.Email);
        }
        """;

    [Fact]
    public async Task A_summary_that_took_another_cut_short_is_not_taken_deeper_than_it_was_computed()
    {
        var farLast = await FindingsAsync(CutChain, ThroughFirst, ThroughSecond, Far);
        var farFirst = await FindingsAsync(CutChain, Far, ThroughFirst, ThroughSecond);

        Assert.Equal(farFirst, farLast);
        Assert.Contains(farLast, f => f.StartsWith("OPRIV001 in ThroughSecond", StringComparison.Ordinal));
        Assert.DoesNotContain(farLast, f => f.EndsWith(" in Far", StringComparison.Ordinal));
    }

    private static async Task<List<string>> FindingsAsync(params string[] files)
    {
        var compilation = CSharpCompilation.Create(
            "Determinism",
            files.Select((text, i) => CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), $"/0/File{i}.cs")),
            References.Privacy.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers([new PiiFlowAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Select(d => d.Id + " in " + d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Identifier.ValueText)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
