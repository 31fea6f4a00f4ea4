using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Octopus.Privacy.Analyzers;
using Octopus.Privacy.Analyzers.Dataflow;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.CodeFixes
{
    /// <summary>OPRIV001/OPRIV002: replaces each personal member read in the sink's arguments with <c>Redaction.Redact(...)</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RedactValueCodeFixProvider)), Shared]
    public sealed class RedactValueCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Redact the value";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.PiiLoggedWithoutConsent, DiagnosticIds.PiiSharedWithoutConsent);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null || model.Compilation.GetTypeByMetadataName("Octopus.Privacy.Redaction") == null)
            {
                return;
            }

            var privacy = Privacy(context.Document, model, context.CancellationToken);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (PersonalReads(root, model, privacy, diagnostic, context.CancellationToken).Any())
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, token => RedactAsync(context.Document, diagnostic, token), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> RedactAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var reads = PersonalReads(root!, model!, Privacy(document, model!, cancellationToken), diagnostic, cancellationToken).ToList();
            var redaction = SyntaxFactory.ParseExpression("global::Octopus.Privacy.Redaction.Redact").WithAdditionalAnnotations(Simplifier.Annotation);
            return document.WithSyntaxRoot(root!.ReplaceNodes(
                reads,
                (original, _) => SyntaxFactory.InvocationExpression(
                        redaction,
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(original.WithoutTrivia()))))
                    .WithTriviaFrom(original)
                    .WithAdditionalAnnotations(Simplifier.Annotation)));
        }

        /// <summary>The analyzer's own knowledge of personal data, with the project's options, for this document.</summary>
        private static PrivacyContext Privacy(Document document, SemanticModel model, CancellationToken cancellationToken) =>
            new PrivacyContext(model.Compilation, document.Project.AnalyzerOptions, PrivacySymbols.Resolve(model.Compilation), cancellationToken);

        /// <summary>
        /// Member reads in the sink's arguments whose member is personal data as the analyzer sees it: [Pii] and the
        /// other markings, on a member, a record's primary-constructor parameter or an inherited member.
        /// </summary>
        private static IEnumerable<ExpressionSyntax> PersonalReads(SyntaxNode root, SemanticModel model, PrivacyContext privacy, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var sink = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (sink == null)
            {
                yield break;
            }

            foreach (var argument in sink.ArgumentList.Arguments)
            {
                foreach (var node in argument.Expression.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
                {
                    if ((node is MemberAccessExpressionSyntax || node is IdentifierNameSyntax)
                        && !(node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
                        && model.GetSymbolInfo(node, cancellationToken).Symbol is ISymbol symbol
                        && (symbol is IPropertySymbol || symbol is IFieldSymbol || symbol is IParameterSymbol)
                        && !privacy.Sources.OfMember(symbol).IsEmpty)
                    {
                        yield return node;
                    }
                }
            }
        }
    }
}
