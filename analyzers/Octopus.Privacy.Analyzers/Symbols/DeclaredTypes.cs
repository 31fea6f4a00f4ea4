using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The type of a simple expression in a method body read from declarations alone (the method's parameters, its type's
    /// fields and properties, and theirs in turn: <c>_emails.Writer</c>), without binding the body. A scan of the whole
    /// compilation asks this first: binding a body to type one expression costs as much as binding it for an analysis.
    /// </summary>
    internal static class DeclaredTypes
    {
        /// <summary>
        /// The type of <paramref name="expression"/> in <paramref name="method"/> (declared by <paramref name="declaration"/>),
        /// or null when declarations alone cannot tell: a local, a lambda's parameter, a call, a primary constructor's
        /// parameter, a static member of another type. The caller binds then.
        /// </summary>
        public static ITypeSymbol? Of(ExpressionSyntax expression, IMethodSymbol method, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            switch (expression)
            {
                case ThisExpressionSyntax _:
                    return method.IsStatic ? null : method.ContainingType;
                case IdentifierNameSyntax identifier:
                    var name = identifier.Identifier.ValueText;
                    if (DeclaredInBody(declaration, name, cancellationToken))
                    {
                        // A local, or a parameter of a lambda or a local function, shadows the rest: the binder knows which.
                        return null;
                    }

                    foreach (var parameter in method.Parameters)
                    {
                        // The method's own (an accessor's value and indexer parameters too) shadow its type's members.
                        if (parameter.Name == name)
                        {
                            return parameter.Type;
                        }
                    }

                    return MemberType(method.ContainingType, name);
                case MemberAccessExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleMemberAccessExpression } access
                    when access.Name is IdentifierNameSyntax member:
                    return Of(access.Expression, method, declaration, cancellationToken) is ITypeSymbol receiver
                        ? MemberType(receiver, member.Identifier.ValueText)
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>The type of the field or property of that name the type declares or inherits (an interface's, for an interface).</summary>
        private static ITypeSymbol? MemberType(ITypeSymbol? type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (FieldOrPropertyType(current, name) is ITypeSymbol found)
                {
                    return found;
                }
            }

            if (type?.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (FieldOrPropertyType(implemented, name) is ITypeSymbol found)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        private static ITypeSymbol? FieldOrPropertyType(ITypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers(name))
            {
                switch (member)
                {
                    case IFieldSymbol field:
                        return field.Type;
                    case IPropertySymbol { IsIndexer: false } property:
                        return property.Type;
                }
            }

            return null;
        }

        /// <summary>
        /// True when the body declares a local, a range variable, a local function or a parameter (of a lambda or a local
        /// function) of that name; the method's own parameter list is not looked at.
        /// </summary>
        private static bool DeclaredInBody(SyntaxNode declaration, string name, CancellationToken cancellationToken)
        {
            var own = (declaration as BaseMethodDeclarationSyntax)?.ParameterList;
            foreach (var node in declaration.DescendantNodes(n => n != own))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var declared = node switch
                {
                    VariableDeclaratorSyntax variable => variable.Identifier,
                    SingleVariableDesignationSyntax designation => designation.Identifier,
                    ForEachStatementSyntax loop => loop.Identifier,
                    ParameterSyntax parameter => parameter.Identifier,
                    CatchDeclarationSyntax caught => caught.Identifier,
                    LocalFunctionStatementSyntax function => function.Identifier,
                    FromClauseSyntax from => from.Identifier,
                    LetClauseSyntax let => let.Identifier,
                    JoinClauseSyntax join => join.Identifier,
                    JoinIntoClauseSyntax into => into.Identifier,
                    QueryContinuationSyntax continuation => continuation.Identifier,
                    _ => default,
                };
                if (declared.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
