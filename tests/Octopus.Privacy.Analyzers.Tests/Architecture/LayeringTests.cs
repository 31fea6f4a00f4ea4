using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Octopus.Privacy.Analyzers.Tests.Architecture;

/// <summary>
/// The engine's folders are layers that depend one way: <c>Policies</c> (and <c>Classification</c>) at the bottom,
/// <c>Consent</c> above them, <c>Hosting</c> above that, and the service-collection extensions (<c>DependencyInjection</c>)
/// that wire them all on top. The library's sources are compiled here and every type a file's
/// code names is looked up: a file may name types of its own layer and those below, never above. Documentation
/// comments are not code and do not count.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string Source = Path.Combine(RepositoryPaths.Root, "src", "Octopus.Privacy");

    [Fact]
    public void No_folder_of_the_engine_names_a_type_of_a_folder_above_it()
    {
        var compilation = Compile();
        // Every type must bind, or a reference could hide; the only errors allowed are the parts source generators
        // add in a build ([LoggerMessage] bodies, the JSON serializer context), which do not run here.
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !ForAGeneratorNotRunHere(d)).Take(5));

        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var layer = Layer(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                foreach (var declaration in type?.OriginalDefinition.DeclaringSyntaxReferences ?? [])
                {
                    if (Layer(declaration.SyntaxTree.FilePath) > layer)
                    {
                        violations.Add($"{Relative(tree.FilePath)} ({Names[layer]}) names {type!.Name} of {Names[Layer(declaration.SyntaxTree.FilePath)]}");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Every_source_file_of_the_engine_is_in_a_layer()
    {
        var files = Directory.GetFiles(Source, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).Select(Relative).ToList();

        Assert.All(files, f => Assert.True(f == "Throw.cs" || Names.Append("Classification").Any(n => f.StartsWith(n + "/", StringComparison.Ordinal)), f));
    }

    private static readonly string[] Names = ["Policies", "Consent", "Hosting", "DependencyInjection"];

    /// <summary>An error about a part a source generator adds in a build: [LoggerMessage] bodies, the JSON serializer context.</summary>
    private static bool ForAGeneratorNotRunHere(Diagnostic diagnostic) =>
        diagnostic.Id == "CS8795"
        || diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("JsonContext", StringComparison.Ordinal)
        || (diagnostic.Id == "CS7036" && diagnostic.Location.SourceTree?.FilePath.EndsWith("PolicyDocument.cs", StringComparison.Ordinal) == true);

    private static int Layer(string path) => Relative(path).Split('/')[0] switch
    {
        "DependencyInjection" => 3,
        "Hosting" => 2,
        "Consent" => 1,
        _ => 0, // Policies, Classification and the shared Throw helper.
    };

    private static string Relative(string path) => Path.GetRelativePath(Source, path).Replace('\\', '/');

    private static bool IsBuildOutput(string path) => Relative(path).Split('/')[0] is "bin" or "obj";

    private static CSharpCompilation Compile()
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var usings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;",
            options,
            path: Path.Combine(Source, "Policies", "GlobalUsings.g.cs"));
        var trees = Directory.GetFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Prepend(usings)
            .ToList();

        // The runtime's assemblies and the ones beside this test (Microsoft.Extensions.*), as the library's build has them.
        var runtime = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll");
        var references = runtime.Where(f => !Path.GetFileName(f).StartsWith("Octopus.", StringComparison.Ordinal) || Path.GetFileName(f) == "Octopus.Privacy.Annotations.dll").Concat(beside).Where(File.Exists).DistinctBy(Path.GetFileName).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
        return CSharpCompilation.Create(
            "Octopus.Privacy.Layers",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    }
}
