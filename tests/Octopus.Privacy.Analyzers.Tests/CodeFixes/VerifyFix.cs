using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.Logging;

namespace Octopus.Privacy.Analyzers.Tests.CodeFixes;

/// <summary>Runs a code fix (and Fix All) over test code that references Octopus.Privacy and logging.</summary>
internal static class VerifyFix<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task CodeFixAsync(string source, string fixedSource, int codeActionIndex, params DiagnosticResult[] expected) =>
        CodeFixAsync(source, fixedSource, codeActionIndex, expected, remaining: []);

    /// <param name="remaining">Diagnostics the fix cannot remove, still expected in the fixed code.</param>
    public static async Task CodeFixAsync(string source, string fixedSource, int codeActionIndex, DiagnosticResult[] expected, DiagnosticResult[] remaining)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = References.None,
            CodeActionIndex = codeActionIndex,
        };
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.AddRange(References.Framework.Value);
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(PiiAttribute).Assembly.Location));
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(PrivacyPolicy).Assembly.Location));
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining);
        if (remaining.Length > 0)
        {
            test.FixedState.MarkupHandling = MarkupMode.Allow;
        }
        await test.RunAsync();
    }
}
