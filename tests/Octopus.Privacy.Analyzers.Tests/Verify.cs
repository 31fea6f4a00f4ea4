using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.Logging;

namespace Octopus.Privacy.Analyzers.Tests;

/// <summary>Runs an analyzer over test code that references Octopus.Privacy and Microsoft.Extensions.Logging.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    public static DiagnosticResult Error(string id) => new(id, DiagnosticSeverity.Error);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, additionalFiles: [], editorConfig: null, expected);

    public static async Task AnalyzerAsync(string source, (string Path, string Text)[] additionalFiles, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = References.None,
        };
        test.TestState.AdditionalReferences.AddRange(References.Framework.Value);
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(PiiAttribute).Assembly.Location));
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location));
        foreach (var (path, text) in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}

/// <summary>The .NET reference assemblies of the SDK that runs the tests, so that no test downloads anything.</summary>
internal static class References
{
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Directory.GetDirectories(packs).Select(Path.GetFileName).OrderByDescending(v => Version.TryParse(v!.Split('-')[0], out var parsed) ? parsed : new Version()).First()!;
        var folder = Directory.GetDirectories(Path.Combine(packs, version, "ref")).Single();
        return [.. Directory.GetFiles(folder, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))];
    });
}
