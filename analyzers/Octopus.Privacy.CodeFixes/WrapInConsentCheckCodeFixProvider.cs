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
using Microsoft.CodeAnalysis.Formatting;
using Octopus.Privacy.Analyzers;

namespace Octopus.Privacy.CodeFixes
{
    /// <summary>
    /// OPRIV001/OPRIV002: wraps the statement in <c>if (guard.IsPermitted(new DataUseRequest(...)))</c>, with the
    /// categories that reach the sink and the recipient it names. The purpose is left as a placeholder the policy
    /// denies (an unknown purpose), so the wrapped code stays off until someone chooses the real one.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInConsentCheckCodeFixProvider)), Shared]
    public sealed class WrapInConsentCheckCodeFixProvider : CodeFixProvider
    {
        public const string PurposePlaceholder = "TODO: purpose";
        public const string RecipientPlaceholder = "TODO: recipient";

        private const string Title = "Wrap in a consent check";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.PiiLoggedWithoutConsent, DiagnosticIds.PiiSharedWithoutConsent);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var statement = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>();
                if (!(statement is ExpressionStatementSyntax) || !(statement.Parent is BlockSyntax) || GuardLocator.Find(model, statement) == null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, token => WrapAsync(context.Document, diagnostic, token), equivalenceKey: Title),
                    diagnostic);
            }
        }

        private static async Task<Document> WrapAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var statement = root!.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>()!;
            var guard = GuardLocator.Find(model!, statement)!;

            diagnostic.Properties.TryGetValue(DiagnosticIds.CategoriesProperty, out var categoryList);
            diagnostic.Properties.TryGetValue(DiagnosticIds.RecipientProperty, out var recipient);
            var categories = (categoryList ?? string.Empty).Split(',').Where(c => c.Length > 0).ToList();

            var request = SyntaxFactory.ParseExpression(
                "new Octopus.Privacy.DataUseRequest(new[] { "
                + string.Join(", ", categories.Select(Literal))
                + " }, " + Literal(PurposePlaceholder) + ", " + Literal(string.IsNullOrEmpty(recipient) ? RecipientPlaceholder : recipient!) + ")");
            var condition = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, guard, SyntaxFactory.IdentifierName("IsPermitted")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(request))));
            var wrapped = SyntaxFactory.IfStatement(condition, SyntaxFactory.Block(statement.WithoutLeadingTrivia().WithoutTrailingTrivia()))
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation, Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation);

            return document.WithSyntaxRoot(root!.ReplaceNode(statement, wrapped));
        }

        private static string Literal(string text) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text)).ToString();
    }
}
