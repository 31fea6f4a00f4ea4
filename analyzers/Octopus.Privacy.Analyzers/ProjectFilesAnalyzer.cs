using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Analyzers.Policy;
using Octopus.Privacy.Analyzers.Rules;

namespace Octopus.Privacy.Analyzers
{
    /// <summary>
    /// OPRIV006: a file the project gives the analyzers, its policy or its baseline, cannot be used. Reported once per
    /// compilation, at the position in the file where reading stopped when there is one.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProjectFilesAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UnreadablePolicyFile.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(compilation =>
            {
                // Without a policy file of the project's own, the policy is the embedded default: nothing to read or report.
                if (PolicyVocabulary.HasProjectFile(compilation.Options, compilation.Compilation)
                    && PolicyVocabulary.For(compilation.Options, compilation.Compilation, compilation.CancellationToken).Problem is Diagnostic policy)
                {
                    compilation.ReportDiagnostic(policy);
                }

                if (BaselineFile.For(compilation.Options, compilation.Compilation, compilation.CancellationToken).Problem is Diagnostic baseline)
                {
                    compilation.ReportDiagnostic(baseline);
                }
            });
        }
    }
}
