using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The methods of this compilation that implement an interface method or override a virtual one, so that a call
    /// through an interface (an application's own <c>IEmailSender</c>) is summarized by what its implementations do.
    /// An implementation the container never gives for the interface is left out (<see cref="ServiceRegistrations"/>).
    /// Built once per compilation, the first time a call needs it.
    /// </summary>
    internal sealed class Implementations
    {
        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _byMethod;

        private Implementations(Dictionary<IMethodSymbol, List<IMethodSymbol>> byMethod)
        {
            _byMethod = byMethod;
        }

        /// <summary>The source methods that implement or override <paramref name="method"/>; empty when none do.</summary>
        public IReadOnlyList<IMethodSymbol> Of(IMethodSymbol method) =>
            _byMethod.TryGetValue(method.OriginalDefinition, out var list) ? list : (IReadOnlyList<IMethodSymbol>)ImmutableArray<IMethodSymbol>.Empty;

        public static Implementations Build(Compilation compilation, CancellationToken cancellationToken)
        {
            var types = new List<INamedTypeSymbol>();
            var configuring = new List<IMethodSymbol>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = pending.Pop();
                foreach (var member in current.GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol nested)
                    {
                        pending.Push(nested);
                    }
                    else if (member is IMethodSymbol method && ServiceRegistrations.MayRegister(method))
                    {
                        configuring.Add(method);
                    }
                }

                if (current is INamedTypeSymbol type && (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct))
                {
                    types.Add(type);
                }
            }

            // What the container gives for each interface, read before any implementation is indexed.
            var registrations = ServiceRegistrations.Read(compilation, configuring, cancellationToken);
            var byMethod = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var seen = new Dictionary<IMethodSymbol, HashSet<IMethodSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in types)
            {
                Index(type, registrations, byMethod, seen);
            }

            return new Implementations(byMethod);
        }

        private static void Index(INamedTypeSymbol type, ServiceRegistrations registrations, Dictionary<IMethodSymbol, List<IMethodSymbol>> byMethod, Dictionary<IMethodSymbol, HashSet<IMethodSymbol>> seen)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsOverride: true, IsAbstract: false } method)
                {
                    for (var overridden = method.OverriddenMethod; overridden != null; overridden = overridden.OverriddenMethod)
                    {
                        Add(byMethod, seen, overridden, method);
                    }
                }
            }

            foreach (var iface in type.AllInterfaces)
            {
                if (registrations.WiredOnlyElsewhere(type, iface))
                {
                    // The container gives the interface another implementation, and this type only as something else:
                    // a call through the interface does not reach it (another type that inherits these members may).
                    continue;
                }

                foreach (var member in iface.GetMembers())
                {
                    if (member is IMethodSymbol interfaceMethod
                        && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation
                        && !implementation.IsAbstract
                        && !implementation.DeclaringSyntaxReferences.IsEmpty)
                    {
                        Add(byMethod, seen, interfaceMethod, implementation);
                    }
                }
            }
        }

        private static void Add(Dictionary<IMethodSymbol, List<IMethodSymbol>> byMethod, Dictionary<IMethodSymbol, HashSet<IMethodSymbol>> seen, IMethodSymbol method, IMethodSymbol implementation)
        {
            var key = method.OriginalDefinition;
            var original = implementation.OriginalDefinition;

            // A set of the implementations already indexed, not a search of the list: object.ToString alone can have
            // thousands of overrides. (Sets of symbols, not of pairs: the framework has precompiled code for those.)
            if (!seen.TryGetValue(key, out var indexed))
            {
                seen[key] = indexed = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            }

            if (!indexed.Add(original))
            {
                return;
            }

            if (!byMethod.TryGetValue(key, out var list))
            {
                byMethod[key] = list = new List<IMethodSymbol>();
            }

            list.Add(original);
        }
    }
}
