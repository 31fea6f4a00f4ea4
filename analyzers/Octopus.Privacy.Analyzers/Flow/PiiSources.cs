using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Flow
{
    /// <summary>
    /// Which members carry personal data, and which types contain such members (directly, or through members of
    /// member types up to a depth). Computed once per symbol per compilation.
    /// </summary>
    internal sealed class PiiSources
    {
        private readonly PrivacySymbols _symbols;
        private readonly int _maxDepth;
        private readonly ConcurrentDictionary<ISymbol, ImmutableHashSet<TaintSource>> _members = new ConcurrentDictionary<ISymbol, ImmutableHashSet<TaintSource>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, ImmutableHashSet<TaintSource>> _types = new ConcurrentDictionary<ITypeSymbol, ImmutableHashSet<TaintSource>>(SymbolEqualityComparer.Default);

        public PiiSources(PrivacySymbols symbols, int maxDepth)
        {
            _symbols = symbols;
            _maxDepth = maxDepth;
        }

        /// <summary>The sources a property, field, parameter or method return value is marked with.</summary>
        public ImmutableHashSet<TaintSource> OfMember(ISymbol member) => _members.GetOrAdd(member, m => Classify(m));

        /// <summary>The personal members an object of this type carries; empty for types with none.</summary>
        public ImmutableHashSet<TaintSource> OfType(ITypeSymbol? type) =>
            type == null ? Taint.Clean : _types.GetOrAdd(type, t => ClassifyType(t, _maxDepth, ImmutableHashSet<ITypeSymbol>.Empty.WithComparer(SymbolEqualityComparer.Default)));

        /// <summary>True when the type has personal members of its own, so only those members carry taint.</summary>
        public bool IsClassified(ITypeSymbol? type) => !OfType(type).IsEmpty;

        private ImmutableHashSet<TaintSource> Classify(ISymbol member)
        {
            var attributes = member is IMethodSymbol method ? method.GetReturnTypeAttributes() : member.GetAttributes();
            var sources = FromAttributes(member, attributes);
            if (sources.IsEmpty && member is IPropertySymbol property && property.ContainingType.IsRecord)
            {
                // [Pii] on a record's positional parameter, without "property:", stays on the parameter.
                var parameter = property.ContainingType.InstanceConstructors
                    .SelectMany(c => c.Parameters)
                    .FirstOrDefault(p => p.Name == property.Name && SymbolEqualityComparer.Default.Equals(p.Type, property.Type));
                if (parameter != null)
                {
                    sources = FromAttributes(member, parameter.GetAttributes());
                }
            }

            return sources;
        }

        private ImmutableHashSet<TaintSource> FromAttributes(ISymbol member, ImmutableArray<AttributeData> attributes)
        {
            var sources = Taint.Clean;
            foreach (var attribute in attributes)
            {
                var attributeClass = attribute.AttributeClass;
                if (attributeClass == null)
                {
                    continue;
                }

                string? category = null;
                var isPolicyCategory = false;
                if (SymbolEqualityComparer.Default.Equals(attributeClass, _symbols.Pii))
                {
                    category = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                    category = category ?? "personal data";
                    isPolicyCategory = true;
                }
                else if (_symbols.PersonalData != null && PrivacySymbols.IsOrDerives(attributeClass, _symbols.PersonalData))
                {
                    category = "personal data";
                }
                else if (_symbols.DataClassification != null && PrivacySymbols.IsOrDerives(attributeClass, _symbols.DataClassification)
                    && !SymbolEqualityComparer.Default.Equals(attributeClass, _symbols.DataClassification))
                {
                    var name = attributeClass.Name;
                    category = name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
                }

                if (category != null)
                {
                    sources = sources.Add(new TaintSource(Display(member), category, isPolicyCategory, member.Locations.FirstOrDefault(l => l.IsInSource)));
                }
            }

            return sources;
        }

        private ImmutableHashSet<TaintSource> ClassifyType(ITypeSymbol type, int depth, ImmutableHashSet<ITypeSymbol> visiting)
        {
            if (depth <= 0 || visiting.Contains(type) || type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum)
            {
                return Taint.Clean;
            }

            visiting = visiting.Add(type);
            if (type is IArrayTypeSymbol array)
            {
                return ClassifyType(array.ElementType, depth, visiting);
            }

            var sources = Taint.Clean;
            // A generic collection (List<Customer>, IEnumerable<Customer>, ...) carries what its elements carry.
            if (type is INamedTypeSymbol named && named.IsGenericType && named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
            {
                foreach (var argument in named.TypeArguments)
                {
                    sources = Taint.Union(sources, ClassifyType(argument, depth, visiting));
                }

                return sources;
            }

            if (type.Locations.All(l => !l.IsInSource) && type.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) == true)
            {
                return Taint.Clean;
            }

            foreach (var member in type.GetMembers())
            {
                ITypeSymbol? memberType;
                // What a serializer or a structured logger sees: public instance properties and fields.
                if (member.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                if (member is IPropertySymbol property && !property.IsStatic && !property.IsIndexer)
                {
                    memberType = property.Type;
                }
                else if (member is IFieldSymbol field && !field.IsStatic && !field.IsImplicitlyDeclared)
                {
                    memberType = field.Type;
                }
                else
                {
                    continue;
                }

                sources = Taint.Union(sources, OfMember(member));

                if (depth > 1)
                {
                    sources = Taint.Union(sources, ClassifyType(memberType, depth - 1, visiting));
                }
            }

            return sources;
        }

        private static string Display(ISymbol member) => member switch
        {
            IParameterSymbol parameter => "parameter '" + parameter.Name + "'",
            IMethodSymbol method => method.ContainingType.Name + "." + method.Name + "()",
            _ => member.ContainingType.Name + "." + member.Name,
        };
    }
}
