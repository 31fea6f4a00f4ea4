using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Analyzers.Configuration;
using Octopus.Privacy.Analyzers.Rules;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers
{
    /// <summary>OPRIV004: a consent check that returns its answer, called as a statement, checks nothing.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConsentCheckResultDiscardedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ConsentCheckResultDiscarded.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                // A call can be a consent check when the attribute is in reach and something here can call a check
                // ([ConsentCheck] declared, a library of the application built against the package, or source that names
                // the package's types: IPrivacyGuard is only reached by naming it), or when checks are configured.
                var consentCheck = PrivacySymbols.TypeNamed(start.Compilation, "Octopus.Privacy.ConsentCheckAttribute");
                if (!(consentCheck != null && CanReachConsentCheck(start.Compilation, start.CancellationToken))
                    && !ConfiguresConsentChecks(start.Compilation, start.Options.AnalyzerConfigOptionsProvider))
                {
                    return;
                }

                // Most statements call a method that returns nothing or a plain task: the options are read only once a
                // call that returns an answer is met, and each method is asked about once.
                var configured = new System.Lazy<ConfiguredMethods>(() => new ConfiguredMethods(start.Compilation, start.Options.AnalyzerConfigOptionsProvider));
                var checks = new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(
                    operation =>
                    {
                        var discarded = operation.Operation switch
                        {
                            IExpressionStatementOperation statement => Unwrap(statement.Operation),
                            _ => null,
                        };

                        if (discarded is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment)
                        {
                            discarded = Unwrap(assignment.Value);
                        }

                        if (discarded is IInvocationOperation invocation
                            && !invocation.TargetMethod.ReturnsVoid
                            && !IsPlainTask(invocation.TargetMethod.ReturnType)
                            && (checks.GetOrAdd(invocation.TargetMethod, m => PrivacySymbols.HasAttributeInHierarchy(m, consentCheck))
                                || configured.Value.For(invocation.Syntax.SyntaxTree).IsConsentCheck(invocation.TargetMethod)))
                        {
                            var check = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
                            operation.ReportDiagnostic(Diagnostic.Create(
                                ConsentCheckResultDiscarded.Descriptor,
                                invocation.Syntax.GetLocation(),
                                Fingerprint.AddTo(ImmutableDictionary<string, string?>.Empty, Fingerprint.MemberId(Fingerprint.MemberId(operation.ContainingSymbol), operation.Operation.Syntax), check, "(the check's result)"),
                                check));
                        }
                    },
                    OperationKind.ExpressionStatement);
            });
        }

        internal static bool CanReachConsentCheck(Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var facts = DeclarationFacts.For(compilation, cancellationToken);
            return facts.NamesConsentCheck || PrivacySymbols.ReferencesBuiltAgainstThePackage(compilation) || facts.MentionsOctopus(cancellationToken);
        }

        private static bool ConfiguresConsentChecks(Compilation compilation, AnalyzerConfigOptionsProvider provider) =>
            provider.GlobalOptions.TryGetValue(AnalyzerSettings.AdditionalConsentChecksOption, out _)
            || compilation.SyntaxTrees.Any(tree => provider.GetOptions(tree).TryGetValue(AnalyzerSettings.AdditionalConsentChecksOption, out _));

        private static IOperation? Unwrap(IOperation? operation) => operation switch
        {
            IAwaitOperation awaited => Unwrap(awaited.Operation),
            IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: IOperation task } => Unwrap(task),
            IConversionOperation conversion => Unwrap(conversion.Operand),
            _ => operation,
        };

        private static bool IsPlainTask(ITypeSymbol type) =>
            Names.IsTaskType(type) && !((INamedTypeSymbol)type).IsGenericType;
    }
}
