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
        private readonly List<INamedTypeSymbol> _types;

        private Implementations(Dictionary<IMethodSymbol, List<IMethodSymbol>> byMethod, List<INamedTypeSymbol> types)
        {
            _byMethod = byMethod;
            _types = types;
        }

        /// <summary>The source methods that implement or override <paramref name="method"/>; empty when none do.</summary>
        public IReadOnlyList<IMethodSymbol> Of(IMethodSymbol method) =>
            _byMethod.TryGetValue(method.OriginalDefinition, out var list) ? list : (IReadOnlyList<IMethodSymbol>)ImmutableArray<IMethodSymbol>.Empty;

        /// <summary>
        /// The methods among <paramref name="candidates"/> (implementations and overrides of <paramref name="method"/>, and
        /// the method itself) that a call on a value of static type <paramref name="receiver"/> can run: the
        /// implementation that each class of this compilation that is, derives from or implements the receiver's type
        /// has for the method. A generic class (<c>BaseService&lt;TEntity&gt;</c>) counts when its definition can be the
        /// receiver's type for some type arguments.
        /// </summary>
        public List<IMethodSymbol> RunnableThrough(IMethodSymbol method, INamedTypeSymbol receiver, IReadOnlyList<IMethodSymbol> candidates)
        {
            var runnable = new List<IMethodSymbol>();
            foreach (var type in _types)
            {
                var open = IsGeneric(type);
                if (!IsBelow(type, receiver, open) || !(ImplementationIn(type, method, open) is IMethodSymbol implementation))
                {
                    continue;
                }

                var original = implementation.OriginalDefinition;
                if (!runnable.Contains(original, SymbolEqualityComparer.Default) && candidates.Contains(original, SymbolEqualityComparer.Default))
                {
                    runnable.Add(original);
                }
            }

            return runnable;
        }

        /// <summary>True when a value of <paramref name="type"/> can be called through a receiver of type <paramref name="receiver"/>.</summary>
        public static bool CanBe(INamedTypeSymbol type, INamedTypeSymbol receiver) => IsBelow(type, receiver, IsGeneric(type));

        /// <summary>
        /// True when a value of <paramref name="type"/> can be a value of the receiver's type: the type is, derives from
        /// or implements it (a generic type with its definition, whatever the type arguments).
        /// </summary>
        private static bool IsBelow(INamedTypeSymbol type, INamedTypeSymbol receiver, bool open)
        {
            if (receiver.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (Same(implemented, receiver, open))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (Same(current, receiver, open))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Same(INamedTypeSymbol candidate, INamedTypeSymbol receiver, bool open) =>
            SymbolEqualityComparer.Default.Equals(candidate, receiver)
            || (open && SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, receiver.OriginalDefinition));

        private static bool IsGeneric(INamedTypeSymbol type)
        {
            for (var outer = type; outer != null; outer = outer.ContainingType)
            {
                if (outer.IsGenericType)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// What a call of <paramref name="method"/> on a value of <paramref name="type"/> runs: the method that implements
        /// it for the type (for an interface's), then the most derived override of that at or above the type. Null when
        /// the type has no such member.
        /// </summary>
        private static IMethodSymbol? ImplementationIn(INamedTypeSymbol type, IMethodSymbol method, bool open)
        {
            var definition = method.OriginalDefinition;
            if (method.ContainingType is { TypeKind: TypeKind.Interface } declaring)
            {
                var implementation = InterfaceImplementation(type, declaring, definition, open);

                // A class that inherits the interface from its base and overrides the base's virtual method: the interface
                // is mapped to the base's method, and the call runs the override.
                if (implementation == null || !(implementation.IsVirtual || implementation.IsOverride || implementation.IsAbstract))
                {
                    return implementation;
                }

                definition = implementation.OriginalDefinition;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(definition.Name))
                {
                    if (member is IMethodSymbol candidate && Overrides(candidate, definition))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        /// <summary>The method of <paramref name="type"/> (or a base) an interface maps the member to.</summary>
        private static IMethodSymbol? InterfaceImplementation(INamedTypeSymbol type, INamedTypeSymbol declaring, IMethodSymbol definition, bool open)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (!Same(implemented, declaring, open))
                {
                    continue;
                }

                foreach (var member in implemented.GetMembers(definition.Name))
                {
                    if (member is IMethodSymbol candidate && SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition))
                    {
                        return type.FindImplementationForInterfaceMember(candidate) as IMethodSymbol;
                    }
                }
            }

            return null;
        }

        private static bool Overrides(IMethodSymbol candidate, IMethodSymbol definition)
        {
            for (var current = candidate; current != null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, definition))
                {
                    return true;
                }
            }

            return false;
        }

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
            var unnamed = NeverNamed(compilation, types, registrations, cancellationToken);
            var byMethod = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            var seen = new Dictionary<IMethodSymbol, HashSet<IMethodSymbol>>(SymbolEqualityComparer.Default);
            foreach (var type in types)
            {
                Index(type, registrations, unnamed, byMethod, seen);
            }

            return new Implementations(byMethod, types);
        }

        /// <summary>
        /// The classes that implement a service the container gives only other implementation types for, and that the
        /// compilation neither registers nor names anywhere outside their own declarations (no <c>new</c>, no
        /// <c>typeof</c>, no type argument, no field or parameter of the class): nothing can hand one over as the
        /// service, so a call through it does not reach them (an <c>SmtpEmailSender</c> left beside the
        /// <c>ConsoleEmailSender</c> that <c>Program.cs</c> registers). A name is a token, so one in a comment or a
        /// string does not count; a name shared with another type counts as a mention.
        /// </summary>
        private static HashSet<INamedTypeSymbol> NeverNamed(Compilation compilation, List<INamedTypeSymbol> types, ServiceRegistrations registrations, CancellationToken cancellationToken)
        {
            var unnamed = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var candidates = new Dictionary<string, List<INamedTypeSymbol>>(System.StringComparer.Ordinal);
            foreach (var type in types)
            {
                if (type.TypeKind == TypeKind.Class && !registrations.IsWired(type) && type.AllInterfaces.Any(i => registrations.GivesOnlyOthers(type, i)))
                {
                    if (!candidates.TryGetValue(type.Name, out var sameName))
                    {
                        candidates[type.Name] = sameName = new List<INamedTypeSymbol>();
                    }

                    sameName.Add(type);
                }
            }

            if (candidates.Count == 0)
            {
                return unnamed;
            }

            var named = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = tree.GetText(cancellationToken).ToString();
                if (!candidates.Keys.Any(name => !named.Contains(name) && text.IndexOf(name, System.StringComparison.Ordinal) >= 0))
                {
                    continue;
                }

                foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
                {
                    if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)
                        && token.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax
                        && candidates.TryGetValue(token.ValueText, out var sameName)
                        && !sameName.Any(c => c.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == tree && r.Span.Contains(token.Span))))
                    {
                        // Named outside its own declaration (ILogger<SmtpEmailSender> in its constructor is its own).
                        named.Add(token.ValueText);
                    }
                }
            }

            foreach (var candidate in candidates)
            {
                if (!named.Contains(candidate.Key))
                {
                    unnamed.UnionWith(candidate.Value);
                }
            }

            return unnamed;
        }

        private static void Index(INamedTypeSymbol type, ServiceRegistrations registrations, HashSet<INamedTypeSymbol> unnamed, Dictionary<IMethodSymbol, List<IMethodSymbol>> byMethod, Dictionary<IMethodSymbol, HashSet<IMethodSymbol>> seen)
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
                if ((registrations.IsWired(type) || unnamed.Contains(type)) && registrations.GivesOnlyOthers(type, iface))
                {
                    // The container gives the interface only other implementations, and this type only as something else
                    // (as itself, or as another service), or not at all and the code never names it: a call through the
                    // interface does not reach it (another type that inherits these members may). Not known (a
                    // registration that cannot be read, a factory): reached.
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
