using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Octopus.Privacy.CodeFixes
{
    /// <summary>Finds an <c>IPrivacyGuard</c> the code at a position can use: a parameter, a field, a property, or a primary-constructor parameter.</summary>
    internal static class GuardLocator
    {
        public static ExpressionSyntax? Find(SemanticModel model, SyntaxNode at)
        {
            var guardType = model.Compilation.GetTypeByMetadataName("Octopus.Privacy.IPrivacyGuard");
            if (guardType == null)
            {
                return null;
            }

            bool IsGuard(ITypeSymbol? type) =>
                type != null && (SymbolEqualityComparer.Default.Equals(type, guardType) || type.AllInterfaces.Contains(guardType, SymbolEqualityComparer.Default));

            var position = at.SpanStart;
            foreach (var symbol in model.LookupSymbols(position))
            {
                var type = symbol switch
                {
                    IParameterSymbol parameter => parameter.Type,
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    ILocalSymbol local => local.Type,
                    _ => null,
                };

                if (IsGuard(type) && (symbol.Kind != SymbolKind.Field || !((IFieldSymbol)symbol).IsImplicitlyDeclared))
                {
                    return SyntaxFactory.IdentifierName(symbol.Name);
                }
            }

            return null;
        }
    }
}
