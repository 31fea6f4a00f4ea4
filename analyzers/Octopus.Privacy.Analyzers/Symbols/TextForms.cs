using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>What <c>ToString()</c> writes for a value of a type.</summary>
    internal enum TextForm
    {
        /// <summary>Not known from the static type (an interface, <c>object</c>, a type parameter, a library override): all it carries.</summary>
        AsIs,

        /// <summary><c>object.ToString()</c>: the type's name, nothing the value carries.</summary>
        TypeName,

        /// <summary>A record's compiler-written <c>ToString()</c>: its public members, each as its own text.</summary>
        Members,

        /// <summary>An override written in this compilation: what its body returns.</summary>
        Override,

        /// <summary>
        /// A library's override known to print one member (ASP.NET Core Identity's <c>IdentityUser</c> prints its user
        /// name): that member.
        /// </summary>
        Member,

        /// <summary>
        /// An interface of .NET's collections or LINQ over elements that are not text or JSON nodes
        /// (<c>IEnumerable&lt;Claim&gt;</c>): the collections that implement it print their type name, unless this
        /// compilation declares a sequence that prints its elements.
        /// </summary>
        Collection,
    }

    /// <summary>
    /// How values are written as text: by interpolation, concatenation, <c>ToString()</c>, or a logger formatting a message
    /// argument. An entity that merely references a user prints its type name, not the user's e-mail address.
    /// Computed once per type and compilation.
    /// </summary>
    internal sealed class TextForms
    {
        // Values of a class: the framework has precompiled code for such a dictionary, not for one of tuples.
        private readonly ConcurrentDictionary<ITypeSymbol, Classified> _forms =
            new ConcurrentDictionary<ITypeSymbol, Classified>(SymbolEqualityComparer.Default);

        /// <summary>
        /// The form of <paramref name="type"/>'s text, and what writes it: the override in source
        /// (<see cref="TextForm.Override"/>) or the member printed (<see cref="TextForm.Member"/>); otherwise null.
        /// </summary>
        public (TextForm Form, ISymbol? Writer) Of(ITypeSymbol? type)
        {
            if (type == null)
            {
                return (TextForm.AsIs, null);
            }

            var classified = _forms.GetOrAdd(type, t => new Classified(Classify(t)));
            return (classified.Form, classified.Writer);
        }

        /// <summary>
        /// A type that does not say what its values print: <c>object</c>, an interface, a type parameter, <c>dynamic</c>
        /// (the runtime type decides).
        /// </summary>
        public static bool IsOpen(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.Interface
            || type.TypeKind == TypeKind.TypeParameter || type.TypeKind == TypeKind.Dynamic;

        /// <summary>
        /// The element type a logger enumerates when it formats a message argument (Microsoft.Extensions.Logging and
        /// Serilog write a sequence element by element); null for a value that is not a sequence, and for a string.
        /// </summary>
        public static ITypeSymbol? SequenceElement(ITypeSymbol? type)
        {
            if (type == null || type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return named.TypeArguments[0];
            }

            foreach (var candidate in type.AllInterfaces)
            {
                if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return candidate.TypeArguments[0];
                }
            }

            return null;
        }

        private static (TextForm, ISymbol?) Classify(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true } nullable && nullable.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                // A nullable value prints its value.
                type = nullable.TypeArguments[0];
            }

            switch (type.TypeKind)
            {
                case TypeKind.Array:
                    // System.String[]: arrays print their type name.
                    return (TextForm.TypeName, null);
                case TypeKind.Class:
                case TypeKind.Struct:
                    break;
                case TypeKind.Interface when IsCollectionInterface(type):
                    return (TextForm.Collection, null);
                default:
                    // Interfaces, type parameters, enums, delegates, dynamic and unbound types: the runtime type decides.
                    return (TextForm.AsIs, null);
            }

            if (type.SpecialType != SpecialType.None || type.IsAnonymousType || type.IsTupleType)
            {
                // object (the runtime type decides), strings and primitives (themselves), anonymous types and tuples
                // (their members: tracked member by member where they are built).
                return (TextForm.AsIs, null);
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.SpecialType == SpecialType.System_Object || current.SpecialType == SpecialType.System_ValueType)
                {
                    break;
                }

                foreach (var member in current.GetMembers(nameof(ToString)))
                {
                    if (member is IMethodSymbol { IsOverride: true, Parameters.Length: 0, IsStatic: false } method && OverridesObjectToString(method))
                    {
                        if (!method.DeclaringSyntaxReferences.IsEmpty && !method.IsImplicitlyDeclared)
                        {
                            return (TextForm.Override, method);
                        }

                        if (method.IsImplicitlyDeclared && current.IsRecord)
                        {
                            return (TextForm.Members, null);
                        }

                        // A library's own override: the member it is known to print, nothing of what it holds (Identity's
                        // IdentityResult prints "Failed : DuplicateUserName", its errors' codes), or what the value carries.
                        if (PrintedByLibrary(current) is ISymbol printed)
                        {
                            return (TextForm.Member, printed);
                        }

                        return PrintsOnlyCodes(current) ? (TextForm.TypeName, null) : (TextForm.AsIs, null);
                    }
                }
            }

            return (TextForm.TypeName, null);
        }

        /// <summary>
        /// An interface of System.Collections.Generic, System.Collections.ObjectModel or System.Linq over elements whose
        /// sequences print their type name. Not over text, <c>object</c>, a type parameter or a JSON node (as
        /// <c>IEnumerable&lt;T&gt;</c>, a string, <c>StringValues</c>, a <c>JsonArray</c> or a <c>JArray</c> prints what it
        /// holds), nor a key-value pair of those (a <c>JsonObject</c>).
        /// </summary>
        private static bool IsCollectionInterface(ITypeSymbol type)
        {
            // Classified once per type: the namespace's name is built once.
            if (!(SequenceElement(type) is ITypeSymbol element)
                || !(type.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections.ObjectModel" or "System.Linq"))
            {
                return false;
            }

            if (element is INamedTypeSymbol { IsGenericType: true } pair && pair.Name == "KeyValuePair" && pair.TypeArguments.Length == 2)
            {
                element = pair.TypeArguments[1];
            }

            return !(element.SpecialType == SpecialType.System_Object || element.SpecialType == SpecialType.System_String
                || element.SpecialType == SpecialType.System_Char || element.TypeKind == TypeKind.TypeParameter
                || element.TypeKind == TypeKind.Dynamic || element.TypeKind == TypeKind.Error || IsJsonNode(element));
        }

        /// <summary>A node of a JSON document (System.Text.Json.Nodes, Newtonsoft.Json.Linq), which prints its JSON.</summary>
        private static bool IsJsonNode(ITypeSymbol type)
        {
            for (var space = type.ContainingNamespace; space != null && !space.IsGlobalNamespace; space = space.ContainingNamespace)
            {
                if (space.Name == "Json" && space.ContainingNamespace is INamespaceSymbol { Name: "Text" or "Newtonsoft" })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Identity's <c>IdentityResult</c>, whose text is whether it succeeded and its errors' codes, never their descriptions.</summary>
        private static bool PrintsOnlyCodes(ITypeSymbol type) =>
            type.Name == "IdentityResult" && Names.NamespaceIs(type.ContainingNamespace, "Microsoft.AspNetCore.Identity");

        /// <summary>
        /// The member a library type's own <c>ToString()</c> is known to print: <c>IdentityUser&lt;TKey&gt;</c> (ASP.NET Core
        /// Identity, every version) returns its <c>UserName</c>.
        /// </summary>
        private static ISymbol? PrintedByLibrary(ITypeSymbol type)
        {
            if (Names.IsIdentityUser(type))
            {
                foreach (var member in type.GetMembers("UserName"))
                {
                    if (member is IPropertySymbol { IsStatic: false })
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// True when <paramref name="method"/> overrides <c>object.ToString()</c>, which is what a formatter calls. An
        /// override of a <c>protected new virtual string ToString()</c> that hides it is not: a formatter never calls
        /// either, and prints the type's name.
        /// </summary>
        private static bool OverridesObjectToString(IMethodSymbol method)
        {
            var root = method;
            while (root.OverriddenMethod is IMethodSymbol overridden)
            {
                root = overridden;
            }

            return root.ContainingType?.SpecialType == SpecialType.System_Object;
        }

        private sealed class Classified
        {
            public Classified((TextForm Form, ISymbol? Writer) classified)
            {
                Form = classified.Form;
                Writer = classified.Writer;
            }

            public TextForm Form { get; }

            public ISymbol? Writer { get; }
        }
    }
}
