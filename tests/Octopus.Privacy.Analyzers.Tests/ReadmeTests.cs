using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Octopus.Privacy.Analyzers.Tests;

/// <summary>The README's C# compiles as pasted into a project, and the analyzer reports exactly the lines it marks.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void Every_csharp_block_of_the_README_compiles_together_as_a_program()
    {
        var compilation = Compile();

        var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(compilation.SyntaxTrees.Length >= 4, "the README should have its quick start, prepared-request and analyzer blocks");
    }

    [Fact]
    public async Task The_analyzer_reports_exactly_the_lines_the_README_marks()
    {
        var compilation = Compile();
        ImmutableArray<DiagnosticAnalyzer> analyzers = [new PiiFlowAnalyzer(), new ConsentCheckResultDiscardedAnalyzer(), new UndeclaredPolicyNameAnalyzer()];

        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        var reported = diagnostics.Select(d => $"{d.Id}: {d.Location.SourceTree!.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()}").Order().ToList();
        var marked = compilation.SyntaxTrees
            .SelectMany(t => t.GetText().Lines.Select(l => l.ToString().Trim()))
            .Select(l => (Line: l, Match: MarkedRule().Match(l)))
            .Where(x => x.Match.Success)
            .Select(x => $"{x.Match.Groups[1].Value}: {x.Line}")
            .Order()
            .ToList();
        Assert.NotEmpty(marked);
        Assert.Equal(marked, reported);
    }

    private static CSharpCompilation Compile()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var blocks = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        var options = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = blocks.Select((code, i) => CSharpSyntaxTree.ParseText(code, options, path: $"README-{i + 1}.cs")).ToList();
        var globalUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Threading; global using System.Threading.Tasks; global using System.Collections.Generic; global using System.Linq;",
            options,
            path: "ImplicitUsings.cs");
        return CSharpCompilation.Create(
            "Readme",
            [globalUsings, .. trees],
            [
                .. References.Framework.Value,
                MetadataReference.CreateFromFile(typeof(PrivacyPolicy).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(PiiAttribute).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(ServiceCollectionContainerBuilderExtensions).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Options.IOptions<>).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Octopus.Privacy.Sqlite.SqliteConsentLedger).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Octopus.Privacy.PostgreSql.PostgreSqlConsentLedger).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Npgsql.NpgsqlDataSource).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([
                    // As the .NET SDK does: references built for .NET 8 unify with the .NET 10 reference assemblies.
                    KeyValuePair.Create("CS1701", ReportDiagnostic.Suppress),
                    KeyValuePair.Create("CS1702", ReportDiagnostic.Suppress),
                ]));
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"// (OPRIV\d{3})\b")]
    private static partial Regex MarkedRule();
}
