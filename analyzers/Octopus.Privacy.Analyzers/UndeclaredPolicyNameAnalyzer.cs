using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Analyzers.Dataflow;
using Octopus.Privacy.Analyzers.Policy;
using Octopus.Privacy.Analyzers.Rules;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers
{
    /// <summary>OPRIV005: [Pii] or [DataRecipient] names a category or recipient the project's policy does not declare.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UndeclaredPolicyNameAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(UndeclaredPolicyName.Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (!DeclarationFacts.For(start.Compilation, start.CancellationToken).NamesPolicyName)
                {
                    // [Pii] and [DataRecipient] on this compilation's members are in its source: none is named there, so
                    // there is nothing to check and no policy to load.
                    return;
                }

                var symbols = PrivacySymbols.Resolve(start.Compilation);
                if (symbols.Pii == null && symbols.DataRecipient == null)
                {
                    return;
                }

                var vocabulary = PolicyVocabulary.For(start.Options, start.Compilation, start.CancellationToken);
                start.RegisterSymbolAction(
                    symbol =>
                    {
                        Check(symbol, symbol.Symbol.GetAttributes(), symbols, vocabulary);
                        if (symbol.Symbol is IMethodSymbol method)
                        {
                            Check(symbol, method.GetReturnTypeAttributes(), symbols, vocabulary);
                            foreach (var parameter in method.Parameters)
                            {
                                Check(symbol, parameter.GetAttributes(), symbols, vocabulary);
                            }
                        }
                    },
                    SymbolKind.Property,
                    SymbolKind.Field,
                    SymbolKind.Method);
            });
        }

        private static void Check(SymbolAnalysisContext context, ImmutableArray<AttributeData> attributes, PrivacySymbols symbols, PolicyVocabulary vocabulary)
        {
            foreach (var attribute in attributes)
            {
                string kind;
                bool declared;
                var isPii = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.Pii);
                if (!isPii && !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.DataRecipient))
                {
                    continue;
                }

                if (!(PrivacySymbols.SingleString(attribute) is string name))
                {
                    continue;
                }

                if (isPii)
                {
                    kind = "data category";
                    declared = vocabulary.SecretByCategory.ContainsKey(name);
                }
                else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.DataRecipient))
                {
                    kind = "recipient";
                    declared = vocabulary.Recipients.Contains(name);
                }
                else
                {
                    continue;
                }

                if (!declared && attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is SyntaxNode syntax)
                {
                    var properties = Fingerprint.AddTo(ImmutableDictionary<string, string?>.Empty, Fingerprint.MemberId(context.Symbol), kind, name);
                    context.ReportDiagnostic(Diagnostic.Create(UndeclaredPolicyName.Descriptor, syntax.GetLocation(), properties, name, kind, vocabulary.Name));
                }
            }
        }
    }
}
