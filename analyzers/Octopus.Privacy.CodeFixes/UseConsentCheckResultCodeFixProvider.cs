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
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.CodeFixes
{
    /// <summary>OPRIV004: turns the discarded check into an <c>if</c> that guards the statements after it.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseConsentCheckResultCodeFixProvider)), Shared]
    public sealed class UseConsentCheckResultCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Use the result";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConsentCheckResultDiscarded);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>() is ExpressionStatementSyntax statement
                    && statement.Parent is BlockSyntax
                    && ReturnsNothing(model, statement, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, token => UseAsync(context.Document, diagnostic, token), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        /// <summary>
        /// Wrapping the statements that follow in an <c>if</c> keeps the code valid only where the member needs no
        /// return value at its end: a void or Task-returning method, accessor, local function or lambda.
        /// </summary>
        private static bool ReturnsNothing(SemanticModel? model, SyntaxNode statement, CancellationToken cancellationToken)
        {
            var member = statement.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax || a is AccessorDeclarationSyntax || a is LocalFunctionStatementSyntax || a is AnonymousFunctionExpressionSyntax);
            var symbol = member == null || model == null ? null
                : member is AnonymousFunctionExpressionSyntax lambda ? model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(member, cancellationToken) as IMethodSymbol;
            return symbol != null && (symbol.ReturnsVoid
                || (Names.IsTaskType(symbol.ReturnType) && !((INamedTypeSymbol)symbol.ReturnType).IsGenericType));
        }

        private static async Task<Document> UseAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var statement = root!.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>()!;
            var block = (BlockSyntax)statement.Parent!;

            var check = statement.Expression is AssignmentExpressionSyntax assignment ? assignment.Right : statement.Expression;
            var answer = model!.GetTypeInfo(check, cancellationToken).Type;
            ExpressionSyntax condition = answer?.Name == "PolicyDecision"
                ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParenthesizedExpression(check.WithoutTrivia()), SyntaxFactory.IdentifierName("IsPermitted"))
                : check.WithoutTrivia();

            var index = block.Statements.IndexOf(statement);
            var following = block.Statements.Skip(index + 1).ToList();
            var guarded = SyntaxFactory.IfStatement(condition, SyntaxFactory.Block(following))
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
            var statements = block.Statements.Take(index).Append(guarded);
            return document.WithSyntaxRoot(root!.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(statements)).WithAdditionalAnnotations(Formatter.Annotation)));
        }
    }
}
