using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// In-process mediators (MediatR, and the source-generated Mediator): <c>Send</c> and <c>Publish</c> hand their
    /// message to the handlers of its type that the application registers, as a call would. The handler interfaces are
    /// the generic interfaces of the library whose names end in <c>Handler</c> and that declare a <c>Handle</c> method
    /// taking the message first (<c>IRequestHandler&lt;TRequest, TResponse&gt;</c>, <c>INotificationHandler&lt;T&gt;</c>,
    /// <c>ICommandHandler&lt;T&gt;</c> and their kin).
    /// </summary>
    internal static class Mediators
    {
        private static readonly string[] Libraries = { "MediatR", "Mediator" };

        /// <summary>True for a mediator's <c>Send</c> or <c>Publish</c> (with or without <c>Async</c>).</summary>
        public static bool IsDispatch(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "Send":
                case "SendAsync":
                case "Publish":
                case "PublishAsync":
                    var type = method.ContainingType;
                    return type != null && Array.Exists(Libraries, l => Names.RootNamespaceIs(type.ContainingNamespace, l));
                default:
                    return false;
            }
        }

        /// <summary>The handler interfaces of the mediator libraries the compilation references.</summary>
        public static ImmutableArray<INamedTypeSymbol> HandlerInterfaces(Compilation compilation)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var library in compilation.GlobalNamespace.GetNamespaceMembers().Where(n => Array.IndexOf(Libraries, n.Name) >= 0))
            {
                foreach (var type in library.GetTypeMembers())
                {
                    if (type.TypeKind == TypeKind.Interface && type.IsGenericType && type.Name.EndsWith("Handler", StringComparison.Ordinal)
                        && type.GetMembers("Handle").Any(m => m is IMethodSymbol { Parameters.Length: > 0 } handle
                            && handle.Parameters[0].Type is ITypeParameterSymbol parameter && parameter.Ordinal == 0))
                    {
                        builder.Add(type);
                    }
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// True for a generic interface of a mediator library that every request goes through on its way to its handler:
        /// a pipeline behaviour (<c>IPipelineBehavior&lt;TRequest, TResponse&gt;</c>, <c>IStreamPipelineBehavior</c>) or a
        /// pre- or post-processor (<c>IRequestPreProcessor&lt;TRequest&gt;</c>), whose first type argument is the request.
        /// </summary>
        public static bool IsPipelineStage(INamedTypeSymbol type) =>
            type.TypeKind == TypeKind.Interface && type.IsGenericType
            && (type.Name.IndexOf("PipelineBehavior", StringComparison.Ordinal) >= 0 || type.Name.EndsWith("PreProcessor", StringComparison.Ordinal) || type.Name.EndsWith("PostProcessor", StringComparison.Ordinal))
            && Array.Exists(Libraries, l => Names.RootNamespaceIs(type.ContainingNamespace, l));

        /// <summary>
        /// True when <paramref name="request"/> can stand for <paramref name="parameter"/>: a class or struct that satisfies
        /// each of its constraint types (a generic one, <c>IRequest&lt;TResponse&gt;</c>, by any of its constructions).
        /// </summary>
        public static bool Admits(ITypeParameterSymbol parameter, INamedTypeSymbol request)
        {
            if (request.IsAbstract || (parameter.HasReferenceTypeConstraint && request.IsValueType) || (parameter.HasValueTypeConstraint && !request.IsValueType))
            {
                return false;
            }

            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (constraint is ITypeParameterSymbol)
                {
                    continue;
                }

                if (!(constraint.OriginalDefinition is INamedTypeSymbol definition) || !PrivacySymbols.IsOrImplements(request, definition))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when a handler of <paramref name="handled"/> receives a message of <paramref name="message"/>'s type: the
        /// same type, or one it derives from or implements (notification handlers are contravariant).
        /// </summary>
        public static bool Receives(ITypeSymbol message, ITypeSymbol handled) =>
            handled is INamedTypeSymbol named && !(handled is ITypeParameterSymbol)
            && (SymbolEqualityComparer.Default.Equals(message, handled)
                || PrivacySymbols.IsOrDerives(message, named)
                || (named.TypeKind == TypeKind.Interface && message.AllInterfaces.Contains(named, SymbolEqualityComparer.Default)));
    }
}
