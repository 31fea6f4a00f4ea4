using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// The inputs a method being summarized may change (<see cref="MethodSummary.ChangedInputs"/>): a member of a
    /// parameter (or of <c>this</c>) assigned, directly or through a local that refers to a part of it, or the input or a
    /// part of it handed to a call that may change it. A caller reads a member of an argument such a callee sends as
    /// the whole argument it passed: the callee may have moved another member's content into it.
    /// </summary>
    internal sealed partial class TaintAnalysis
    {
        /// <summary>The calls of a library that read the object they are given or called on and change nothing of it.</summary>
        private static readonly HashSet<string> ReadingCalls = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "ToString", "Equals", "GetHashCode", "GetType", "CompareTo", "Contains", "ContainsKey", "ContainsValue", "TryGetValue",
            "GetValueOrDefault", "IndexOf", "LastIndexOf", "StartsWith", "EndsWith", "GetEnumerator", "GetAsyncEnumerator",
            "MoveNext", "MoveNextAsync", "Dispose", "DisposeAsync", "ToArray", "ToList", "ToDictionary", "ToHashSet",
            "AsEnumerable", "Format", "Serialize", "SerializeObject", "SerializeAsync", "ToShortDateString", "ToLongDateString",
            "ToShortTimeString", "ToUniversalTime", "ToLocalTime", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "Trim",
        };

        /// <summary>While a summary is computed: the method summarized, and what it may change (shared with its lambdas' walks).</summary>
        private Changes? _changes;

        /// <summary>Per capture of this walk's graph, the inputs the captured value may refer to a part of.</summary>
        private Dictionary<object, ulong>? _captureInputs;

        private sealed class Changes
        {
            public Changes(IMethodSymbol method)
            {
                Method = method;
            }

            public IMethodSymbol Method { get; }

            /// <summary>A bit per input that may be changed.</summary>
            public ulong Inputs { get; set; }

            /// <summary>The locals that may refer to a part of an input, and the inputs.</summary>
            public Dictionary<ILocalSymbol, ulong>? Aliases { get; set; }
        }

        /// <summary>An assignment: to a member of (a part of) an input, a change; to a local, an alias of what it is given.</summary>
        private void NoteAssigned(IOperation target, IOperation? value)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    if (value != null && InputsUnder(value, anyType: false) is var inputs && inputs != 0)
                    {
                        var aliases = _changes!.Aliases ??= new Dictionary<ILocalSymbol, ulong>(SymbolEqualityComparer.Default);
                        aliases[local.Local] = (aliases.TryGetValue(local.Local, out var known) ? known : 0) | inputs;
                    }

                    break;
                case IMemberReferenceOperation member:
                    _changes!.Inputs |= InputsUnder(member.Instance, anyType: true);
                    break;
                case IArrayElementReferenceOperation element:
                    _changes!.Inputs |= InputsUnder(element.ArrayReference, anyType: true);
                    break;
                case ITupleOperation tuple:
                    foreach (var part in tuple.Elements)
                    {
                        NoteAssigned(part, null);
                    }

                    break;
            }
        }

        /// <summary>
        /// A call given (a part of) an input, or made on one: a change of that input unless the callee's summary says it
        /// changes nothing of it, or it is a library's call that only reads (LINQ, <see cref="ReadingCalls"/>). A lambda
        /// that assigns members, handed to a call with an input, may change the input's elements.
        /// </summary>
        private void NoteCall(IOperation? instance, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, MethodSummary? summary)
        {
            var reads = summary == null && (PrivacyContext.IsLinq(method) || ReadingCalls.Contains(method.Name) || method.ContainingType?.SpecialType == SpecialType.System_String);

            // publication.FieldValues.Add(fieldValue), values.Remove(item): a library's collection keeps or drops what it is
            // handed; it changes itself, not that (CopyTo writes into the array it is given).
            var keeps = summary == null && !reads && instance != null && method.Name != "CopyTo" && IsLibraryCollection(StaticType(instance));
            var given = 0UL;
            if (instance != null && !method.IsStatic && InputsUnder(instance, anyType: false) is var onInstance && onInstance != 0)
            {
                given |= onInstance;
                if (!reads && (summary == null || summary.Changed(0)))
                {
                    _changes!.Inputs |= onInstance;
                }
            }

            var assignsMembers = false;
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
                {
                    _changes!.Inputs |= InputsUnder(argument.Value, anyType: true);
                    continue;
                }

                if (AnonymousFunction(argument.Value) is IFlowAnonymousFunctionOperation function)
                {
                    assignsMembers |= AssignsMembers(function);
                    continue;
                }

                var inputs = InputsUnder(argument.Value, anyType: false);
                if (inputs == 0)
                {
                    continue;
                }

                given |= inputs;
                var ordinal = argument.Parameter?.Ordinal ?? -1;
                if (!reads && !keeps && (summary == null || ordinal < 0 || summary.Changed(ordinal + 1)))
                {
                    _changes!.Inputs |= inputs;
                }
            }

            if (assignsMembers)
            {
                _changes!.Inputs |= given;
            }
        }

        /// <summary>A collection type of the framework's (<c>List&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>): a sequence declared in <c>System.Collections</c>.</summary>
        private static bool IsLibraryCollection(ITypeSymbol? type) =>
            type != null && type.TypeKind != TypeKind.Array && InSystemCollections(type.ContainingNamespace) && TextForms.SequenceElement(type) != null;

        private static bool InSystemCollections(INamespaceSymbol? space)
        {
            for (; space != null && !space.IsGlobalNamespace; space = space.ContainingNamespace)
            {
                if (space.Name == "Collections" && space.ContainingNamespace is { Name: "System" } system && system.ContainingNamespace is { IsGlobalNamespace: true })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a lambda assigns a member or an element of anything (its parameters' among them).</summary>
        private static bool AssignsMembers(IFlowAnonymousFunctionOperation function)
        {
            foreach (var node in function.Syntax.DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax or ElementAccessExpressionSyntax })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The inputs whose part <paramref name="operation"/> may be: a parameter of the method summarized or <c>this</c>,
        /// a member or element of one, a local or capture that refers to one, or what a call on or with one returns. Text
        /// and scalars are copies, never parts, unless <paramref name="anyType"/> (the object an assigned member is on).
        /// </summary>
        private ulong InputsUnder(IOperation? operation, bool anyType)
        {
            if (operation == null || (!anyType && operation.Type is ITypeSymbol type && (type.SpecialType == SpecialType.System_String || Scalars.IsScalar(type))))
            {
                return 0;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return InputsUnder(conversion.Operand, anyType);
                case IParameterReferenceOperation parameter:
                    return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, _changes!.Method) && parameter.Parameter.Ordinal + 1 < 64
                        ? 1UL << (parameter.Parameter.Ordinal + 1)
                        : 0;
                case IInstanceReferenceOperation _:
                    return _changes!.Method.IsStatic ? 0 : 1UL;
                case ILocalReferenceOperation local:
                    return _changes!.Aliases != null && _changes.Aliases.TryGetValue(local.Local, out var aliased) ? aliased : 0;
                case IFlowCaptureReferenceOperation capture:
                    return _captureInputs != null && _captureInputs.TryGetValue(capture.Id, out var captured) ? captured : 0;
                case IMemberReferenceOperation member:
                    return InputsUnder(member.Instance, anyType: true);
                case IArrayElementReferenceOperation element:
                    return InputsUnder(element.ArrayReference, anyType: true);
                case IAwaitOperation awaited:
                    return InputsUnder(awaited.Operation, anyType);
                case IInvocationOperation invocation:
                    return InputsUnder(invocation.Instance, anyType: false) | InputsUnder(invocation.Arguments);
                case IObjectCreationOperation creation:
                    return InputsUnder(creation.Arguments);
                default:
                    return 0;
            }
        }

        private ulong InputsUnder(ImmutableArray<IArgumentOperation> arguments)
        {
            var inputs = 0UL;
            foreach (var argument in arguments)
            {
                inputs |= InputsUnder(argument.Value, anyType: false);
            }

            return inputs;
        }

        /// <summary>A capture's value: what it may refer to a part of, for the reads of the capture.</summary>
        private void NoteCaptured(CaptureId id, IOperation value)
        {
            if (InputsUnder(value, anyType: false) is var inputs && inputs != 0)
            {
                var captures = _captureInputs ??= new Dictionary<object, ulong>();
                captures[id] = (captures.TryGetValue(id, out var known) ? known : 0) | inputs;
            }
        }
    }
}
