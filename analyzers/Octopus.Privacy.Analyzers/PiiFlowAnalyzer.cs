using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Flow;
using Octopus.Privacy.Analyzers.Rules;

namespace Octopus.Privacy.Analyzers
{
    /// <summary>
    /// OPRIV001, OPRIV002 and OPRIV003: personal data that reaches a log or a third party on a path with no consent
    /// check, and secret data that reaches one at all. One dataflow over each method's control-flow graph finds all three.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PiiFlowAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxNamedSources = 3;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(PiiLoggedWithoutConsent.Descriptor, PiiSharedWithoutConsent.Descriptor, SecretDataLoggedOrShared.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = PrivacySymbols.Resolve(start.Compilation);
                if (!symbols.HasSources && symbols.RequiresConsent == null)
                {
                    // Nothing in this compilation can be personal data: cost nothing.
                    return;
                }

                var privacy = new PrivacyContext(start.Compilation, start.Options, symbols, start.CancellationToken);
                start.RegisterOperationBlockAction(block => AnalyzeBlock(block, privacy));
            });
        }

        private static void AnalyzeBlock(OperationBlockAnalysisContext context, PrivacyContext privacy)
        {
            var method = context.OwningSymbol as IMethodSymbol;
            var roots = new HashSet<IOperation>();
            foreach (var block in context.OperationBlocks)
            {
                var operation = block;
                while (operation.Parent != null)
                {
                    operation = operation.Parent;
                }

                // The graph is built for the block's root (the method body); the block itself is what the context accepts.
                if (!(operation is IMethodBodyOperation || operation is IConstructorBodyOperation || operation is IBlockOperation) || !roots.Add(operation))
                {
                    continue;
                }

                var graph = context.GetControlFlowGraph(block);
                Report(context, privacy, TaintAnalysis.FindSinks(privacy, graph, method, context.CancellationToken));
                foreach (var localFunction in graph.LocalFunctions)
                {
                    var inner = graph.GetLocalFunctionControlFlowGraph(localFunction, context.CancellationToken);
                    Report(context, privacy, TaintAnalysis.FindSinks(privacy, inner, localFunction, context.CancellationToken));
                }
            }
        }

        private static void Report(OperationBlockAnalysisContext context, PrivacyContext privacy, List<FlowFinding> findings)
        {
            var reported = new HashSet<(Location, string)>();
            foreach (var finding in findings)
            {
                var location = finding.Sink.Syntax.GetLocation();
                var sinkName = finding.Sink.TargetMethod.ContainingType.Name + "." + finding.Sink.TargetMethod.Name;
                var secret = finding.Taint.Where(t => t.IsPolicyCategory && privacy.Vocabulary.IsSecret(t.Category)).ToImmutableHashSet();
                if (!secret.IsEmpty && reported.Add((location, SecretDataLoggedOrShared.Descriptor.Id)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        SecretDataLoggedOrShared.Descriptor,
                        location,
                        SourceLocations(secret),
                        Describe(secret),
                        finding.Kind == SinkKind.Log ? "logged" : "shared",
                        sinkName));
                }

                if (finding.Guarded)
                {
                    continue;
                }

                var personal = finding.Taint.Except(secret);
                if (personal.IsEmpty && !(finding.RequiresConsent && secret.IsEmpty))
                {
                    continue;
                }

                var what = personal.IsEmpty ? "Data that requires consent" : Describe(personal);
                var descriptor = finding.Kind == SinkKind.Log ? PiiLoggedWithoutConsent.Descriptor : PiiSharedWithoutConsent.Descriptor;
                if (!reported.Add((location, descriptor.Id)))
                {
                    continue;
                }

                var properties = FixProperties(personal, finding);
                context.ReportDiagnostic(finding.Kind == SinkKind.Log
                    ? Diagnostic.Create(descriptor, location, SourceLocations(personal), properties, what, sinkName)
                    : Diagnostic.Create(descriptor, location, SourceLocations(personal), properties, what, finding.Recipient, sinkName));
            }
        }

        /// <summary>What the code fixes need: the policy categories that reach the sink, and the recipient it names.</summary>
        private static ImmutableDictionary<string, string?> FixProperties(ImmutableHashSet<TaintSource> personal, FlowFinding finding)
        {
            var categories = personal.Where(t => t.IsPolicyCategory).Select(t => t.Category).Distinct().OrderBy(c => c, System.StringComparer.Ordinal);
            const string Prefix = "recipient '";
            var recipient = finding.Kind == SinkKind.Log ? "internal"
                : finding.Recipient.StartsWith(Prefix, System.StringComparison.Ordinal) ? finding.Recipient.Substring(Prefix.Length).TrimEnd('\'')
                : null;
            return ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticIds.CategoriesProperty, string.Join(",", categories))
                .Add(DiagnosticIds.RecipientProperty, recipient);
        }

        private static string Describe(ImmutableHashSet<TaintSource> taint)
        {
            var names = taint.Select(t => t.ToString()).OrderBy(n => n, System.StringComparer.Ordinal).ToList();
            var shown = string.Join(", ", names.Take(MaxNamedSources));
            return names.Count > MaxNamedSources ? shown + " and " + (names.Count - MaxNamedSources) + " more" : shown;
        }

        private static IEnumerable<Location> SourceLocations(ImmutableHashSet<TaintSource> taint) =>
            taint.OrderBy(t => t.ToString(), System.StringComparer.Ordinal)
                .Select(t => t.Location)
                .Where(l => l != null)
                .Distinct()
                .Take(MaxNamedSources)!;
    }
}
