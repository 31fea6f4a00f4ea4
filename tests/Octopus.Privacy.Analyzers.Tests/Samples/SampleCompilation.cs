using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Tests.Samples;

/// <summary>Compiles a sample project's sources as its project does (with or without LEAKY) and runs every analyzer.</summary>
internal static class SampleCompilation
{
    private const string ImplicitUsings =
        "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    /// <param name="project">The folder under samples/.</param>
    /// <param name="leaky">Whether LEAKY is defined, as in the leaky twin project.</param>
    /// <param name="references">References beyond the framework, Octopus.Privacy and logging.</param>
    /// <param name="generatedBodies">Compiler errors the real build's source generators resolve, which this compile has not run.</param>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string project, bool leaky, IEnumerable<MetadataReference> references, params string[] generatedBodies)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "samples", project);
        var options = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: leaky ? ["LEAKY"] : []);
        var separator = Path.DirectorySeparatorChar;
        var trees = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "GlobalUsings.cs"));
        var compilation = CSharpCompilation.Create(
            project,
            trees,
            [.. References.Privacy.Value, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !generatedBodies.Contains(d.Id)));

        DiagnosticAnalyzer[] analyzers = [new PiiFlowAnalyzer(), new ConsentCheckResultDiscardedAnalyzer(), new UndeclaredPolicyNameAnalyzer()];
        return await compilation.WithAnalyzers([.. analyzers]).GetAnalyzerDiagnosticsAsync();
    }
}
