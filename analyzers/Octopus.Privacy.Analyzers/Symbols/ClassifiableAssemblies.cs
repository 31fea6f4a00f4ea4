using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// The assemblies whose members can carry a classification attribute (<c>[Pii]</c>, a privacy category, Identity's
    /// <c>[PersonalData]</c>, a data classification): those that declare one of the attributes, or reference, directly
    /// or through the assemblies they reference, one that does. An assembly can only apply an attribute it can resolve,
    /// and its members' types come from the assemblies it references; so a member of any other assembly carries none,
    /// and its attributes need not be read. Computed once per compilation over the compilation's reference graph.
    /// </summary>
    internal sealed class ClassifiableAssemblies
    {
        private readonly HashSet<IAssemblySymbol> _known;
        private readonly HashSet<IAssemblySymbol> _classifiable;

        public ClassifiableAssemblies(IAssemblySymbol compiled, IEnumerable<INamedTypeSymbol?> attributes)
        {
            _known = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
            var referencedBy = new Dictionary<IAssemblySymbol, List<IAssemblySymbol>>(SymbolEqualityComparer.Default);
            var pending = new Stack<IAssemblySymbol>();
            _known.Add(compiled);
            pending.Push(compiled);
            while (pending.Count > 0)
            {
                var assembly = pending.Pop();
                foreach (var referenced in assembly.Modules.SelectMany(m => m.ReferencedAssemblySymbols))
                {
                    if (!referencedBy.TryGetValue(referenced, out var users))
                    {
                        referencedBy[referenced] = users = new List<IAssemblySymbol>();
                    }

                    users.Add(assembly);
                    if (_known.Add(referenced))
                    {
                        pending.Push(referenced);
                    }
                }
            }

            // From the assemblies that declare an attribute, back along the references to every assembly that sees one.
            _classifiable = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
            foreach (var attribute in attributes)
            {
                if (attribute?.ContainingAssembly is IAssemblySymbol declaring && _classifiable.Add(declaring))
                {
                    pending.Push(declaring);
                }
            }

            while (pending.Count > 0)
            {
                if (referencedBy.TryGetValue(pending.Pop(), out var users))
                {
                    foreach (var user in users)
                    {
                        if (_classifiable.Add(user))
                        {
                            pending.Push(user);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// False only for an assembly of the compilation's reference graph that can see none of the attributes; an
        /// assembly the graph does not hold is assumed to see them.
        /// </summary>
        public bool MayClassify(IAssemblySymbol? assembly) =>
            assembly == null || !_known.Contains(assembly) || _classifiable.Contains(assembly);

        /// <summary>
        /// False when neither the type's assembly nor the assembly of any of its type arguments (or of its containing
        /// types' type arguments) can see an attribute: then neither its members nor the types of its members carry
        /// one (<c>Wrapper&lt;Customer&gt;.Value</c> is a <c>Customer</c>, so a type argument counts).
        /// </summary>
        public bool MayClassify(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return MayClassify(array.ElementType);
                case INamedTypeSymbol named:
                    for (var current = named; current != null; current = current.ContainingType)
                    {
                        if (MayClassify(current.ContainingAssembly) || current.TypeArguments.Any(MayClassify))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    // Type parameters, pointers, dynamic, errors: no assembly of their own to judge by.
                    return true;
            }
        }
    }
}
