using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>The transfer functions: what each operation carries, stores and sends.</summary>
    internal sealed partial class TaintAnalysis
    {
        private static readonly HashSet<string> LinqProjections = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "Select", "SelectMany", "ToDictionary", "ToLookup", "GroupBy", "Sum", "Min", "Max", "Average", "Aggregate",
            "Zip", "Join", "GroupJoin", "MinBy", "MaxBy", "DistinctBy",
        };

        private static readonly HashSet<string> SizeMethods = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "Count", "LongCount", "IndexOf", "LastIndexOf", "IndexOfAny", "CompareTo", "Compare", "CompareOrdinal", "GetHashCode",
        };

                [MethodImpl(Jit.Optimized)]
        private ImmutableHashSet<TaintSource> Evaluate(IOperation? operation, FlowState state, bool report)
        {
            if (operation == null)
            {
                return Taint.Clean;
            }

            // By kind, then one cast: a chain of interface type tests costs a scan of the operation's interfaces per miss.
            switch (operation.Kind)
            {
                case OperationKind.Literal:
                case OperationKind.DefaultValue:
                case OperationKind.TypeOf:
                case OperationKind.NameOf:
                case OperationKind.SizeOf:
                    return Taint.Clean;

                case OperationKind.LocalReference:
                    var local = (ILocalReferenceOperation)operation;
                    return Taint.Union(Whole(local.Local, state), _context.Sources.OfType(local.Type));

                case OperationKind.ParameterReference:
                    var parameter = (IParameterReferenceOperation)operation;
                    return Taint.Union(Whole(parameter.Parameter, state), _context.Sources.OfType(parameter.Type));

                case OperationKind.FlowCaptureReference:
                    return Whole(((IFlowCaptureReferenceOperation)operation).Id, state);

                case OperationKind.InstanceReference:
                    return Taint.Union(Whole(FlowKeys.This, state), _context.Sources.OfType(operation.Type));

                case OperationKind.PropertyReference:
                    var property = (IPropertyReferenceOperation)operation;
                    return Member(property.Property, property.Instance, property.Arguments, property.Type, state, report);

                case OperationKind.FieldReference:
                    var field = (IFieldReferenceOperation)operation;
                    return Member(field.Field, field.Instance, ImmutableArray<IArgumentOperation>.Empty, field.Type, state, report);

                case OperationKind.Invocation:
                    return Invocation((IInvocationOperation)operation, state, report);

                case OperationKind.ObjectCreation:
                    return Creation((IObjectCreationOperation)operation, state, report);

                case OperationKind.SimpleAssignment:
                    {
                        var assignment = (ISimpleAssignmentOperation)operation;
                        var value = Evaluate(assignment.Value, state, report);
                        Assign(assignment.Target, value, assignment.Value, IsCheckAnswer(assignment.Value, state), state, report);
                        return value;
                    }

                case OperationKind.DeconstructionAssignment:
                    {
                        var deconstruction = (IDeconstructionAssignmentOperation)operation;
                        var value = Evaluate(deconstruction.Value, state, report);
                        Deconstruct(deconstruction.Target, deconstruction.Value, value, state, report);
                        return value;
                    }

                case OperationKind.CompoundAssignment:
                case OperationKind.CoalesceAssignment:
                    {
                        var compound = (IAssignmentOperation)operation;
                        var value = Taint.Union(Evaluate(compound.Target, state, report), Evaluate(compound.Value, state, report));
                        Assign(compound.Target, value, null, false, state, report);
                        return value;
                    }

                case OperationKind.FlowCapture:
                    {
                        var capture = (IFlowCaptureOperation)operation;
                        var value = Evaluate(capture.Value, state, report);

                        // A value captured under a consent check (the true arm of ?:, a guarded &&) is consented to.
                        if (state.Guarded)
                        {
                            SetWhole(capture.Id, null, Taint.Clean, state);
                        }
                        else
                        {
                            SetWhole(capture.Id, capture.Value, value, state);
                        }

                        state.SetCheckAnswer(capture.Id, IsCheckAnswer(capture.Value, state));
                        return value;
                    }

                case OperationKind.Binary when IsComparison(((IBinaryOperation)operation).OperatorKind):
                    var binary = (IBinaryOperation)operation;
                    Evaluate(binary.LeftOperand, state, report);
                    Evaluate(binary.RightOperand, state, report);
                    return Taint.Clean;

                case OperationKind.Binary when ((IBinaryOperation)operation).OperatorKind == BinaryOperatorKind.Add && operation.Type?.SpecialType == SpecialType.System_String:
                    return Concatenation((IBinaryOperation)operation, state, report);

                case OperationKind.Interpolation:
                    return Interpolation((IInterpolationOperation)operation, state, report);

                case OperationKind.IsPattern:
                case OperationKind.IsType:
                case OperationKind.IsNull:
                    // A test of personal data is not personal data.
                    foreach (var child in operation.ChildOperations)
                    {
                        Evaluate(child, state, report);
                    }

                    return Taint.Clean;

                case OperationKind.FlowAnonymousFunction:
                    return LambdaReturn((IFlowAnonymousFunctionOperation)operation, state, report, Taint.Clean);

                case OperationKind.MethodReference:
                    // _directoryService.Exists as a delegate: a method to call, not the data of the object it is bound to.
                    return Taint.Clean;

                default:
                    var taint = Taint.Clean;
                    foreach (var child in operation.ChildOperations)
                    {
                        taint = Taint.Union(taint, Evaluate(child, state, report));
                    }

                    return taint;
            }
        }

        /// <summary>What a holder carries as a whole: what was assigned to it, and what was stored in its members.</summary>
        [MethodImpl(Jit.Optimized)]
        private static ImmutableHashSet<TaintSource> Whole(object key, FlowState state) =>
            state.HasMembers ? Taint.Union(state.Get(key), state.Get(FlowKeys.Stored(key))) : state.Get(key);

        /// <summary>
        /// Runs a lambda's body from the state where it is created (with what it captured) and returns what it returns.
        /// Sinks inside it are reported when this is the reporting walk.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private ImmutableHashSet<TaintSource> LambdaReturn(IFlowAnonymousFunctionOperation function, FlowState state, bool report, ImmutableHashSet<TaintSource> elements)
        {
            var graph = _graph.GetAnonymousFunctionControlFlowGraph(function, _cancellationToken);
            var entry = state.Copy();
            foreach (var parameter in function.Symbol.Parameters)
            {
                entry.Set(parameter, Taint.Union(_context.Sources.OfMember(parameter), elements));
            }

            var inner = new TaintAnalysis(_context, graph, entry, report ? _findings : null, _stack, _cancellationToken) { _readsStored = _readsStored, _storesOf = _storesOf };
            inner.Run();
            _storedInMember = Taint.Union(_storedInMember, inner._storedInMember);
            return inner._returned;
        }

        /// <summary>A call of a local function: its body runs with the caller's state (captures) and the arguments.</summary>
        private ImmutableHashSet<TaintSource> LocalFunctionCall(IInvocationOperation invocation, FlowState state, bool report)
        {
            var method = invocation.TargetMethod.OriginalDefinition;
            var entry = state.Copy();
            var arguments = Taint.Clean;
            foreach (var argument in invocation.Arguments)
            {
                var taint = Evaluate(argument.Value, state, report);
                arguments = Taint.Union(arguments, taint);
                if (argument.Parameter != null)
                {
                    entry.Set(argument.Parameter.OriginalDefinition, Taint.Union(_context.Sources.OfMember(argument.Parameter), taint));
                }
            }

            if (!_stack.TryEnter(method))
            {
                return Taint.Union(arguments, _context.Sources.OfType(method.ReturnType));
            }

            try
            {
                var graph = _graph.GetLocalFunctionControlFlowGraphInScope(method, _cancellationToken);
                var inner = new TaintAnalysis(_context, graph, entry, report ? _findings : null, _stack, _cancellationToken) { _readsStored = _readsStored, _storesOf = _storesOf };
                inner.Run();
                _storedInMember = Taint.Union(_storedInMember, inner._storedInMember);
                return Taint.Union(inner._returned, _context.Sources.OfType(method.ReturnType));
            }
            finally
            {
                _stack.Exit(method);
            }
        }

        [MethodImpl(Jit.Optimized)]
        private ImmutableHashSet<TaintSource> Member(ISymbol member, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, ITypeSymbol? type, FlowState state, bool report)
        {
            var receiver = Evaluate(instance, state, report);
            var taint = _context.Sources.OfMember(member);
            if (_readsStored)
            {
                // _email, set in another method of the type.
                taint = Taint.Union(taint, _context.StoredIn(member));
            }

            var holder = DirectHolder(instance);
            if (holder != null)
            {
                taint = Taint.Union(taint, state.Get(FlowKeys.Member(holder, member)));
            }

            // On an object whose type declares its personal members, only those members carry personal data;
            // on anything else (a string, a tuple, an anonymous object) the member carries what the object does,
            // except what was stored in its other members. Sizes and flags of personal data are not personal data, and
            // neither are the numbers, dates, ids and enums an object holds (chapter.MaxNumber, order.Status): only a
            // member marked personal, or one this flow stored personal data in, carries it.
            if (instance != null && !_context.Sources.DeclaresPersonalMembers(instance.Type) && !IsSizeOrFlag(member, type)
                && !(type != null && IsScalar(type) && !IsTypedByLibraryTypeParameter(member)))
            {
                if (IsTypedByLibraryTypeParameter(member))
                {
                    // group.Key, pair.Key, pair.Value: a library's generic container holds values of their own type; what
                    // they carry beyond that type is what flowed into the container, not every member of its other
                    // type arguments (a grouping of tasks by status does not make the status personal data).
                    taint = Taint.Union(taint, ReadFrom(holder != null ? state.Get(holder) : receiver.Except(_context.Sources.OfType(instance.Type)), member, type));
                }
                else
                {
                    taint = Taint.Union(taint, ReadFrom(holder != null ? Taint.Union(state.Get(holder), _context.Sources.OfType(instance.Type)) : receiver, member, type));
                }
            }

            // An indexer's arguments (dictionary[email]).
            foreach (var argument in arguments)
            {
                taint = Taint.Union(taint, Evaluate(argument.Value, state, report));
            }

            return Taint.Union(taint, _context.Sources.OfType(type));
        }

        [MethodImpl(Jit.Optimized)]
        private ImmutableHashSet<TaintSource> Creation(IObjectCreationOperation creation, FlowState state, bool report)
        {
            var constructor = creation.Constructor;
            var argumentTaints = new ImmutableHashSet<TaintSource>[creation.Arguments.Length];
            var arguments = Taint.Clean;
            for (var i = 0; i < creation.Arguments.Length; i++)
            {
                argumentTaints[i] = Evaluate(creation.Arguments[i].Value, state, report);
                arguments = Taint.Union(arguments, argumentTaints[i]);
            }

            Evaluate(creation.Initializer, state, report);

            var summary = constructor == null ? null : _context.Summary(constructor, _stack, _cancellationToken);
            if (report && _findings != null && constructor != null)
            {
                if (summary != null)
                {
                    ReportCalleeSinks(creation, constructor, summary, Taint.Clean, creation.Arguments, argumentTaints, state);
                }

                var real = Taint.WithoutInputs(arguments);
                if (!real.IsEmpty && _settings.ReportExceptions && _context.IsException(creation.Type))
                {
                    _findings.Add(new FlowFinding(creation, "new " + creation.Type!.Name, SinkKind.Log, "a log", real, state.Guarded, requiresConsent: false, isException: true));
                }
            }

            var result = _context.Sources.OfType(creation.Type);
            if (summary == null)
            {
                return Taint.Union(result, arguments);
            }

            // A constructor with a body: the object carries what the constructor stores in it.
            for (var i = 0; i < creation.Arguments.Length; i++)
            {
                if (InputOf(creation.Arguments[i], i) is int input && summary.Stored(input))
                {
                    result = Taint.Union(result, argumentTaints[i]);
                }
            }

            return result;
        }

        [MethodImpl(Jit.Optimized)]
        private ImmutableHashSet<TaintSource> Invocation(IInvocationOperation invocation, FlowState state, bool report)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                return LocalFunctionCall(invocation, state, report);
            }

            var receiver = Evaluate(invocation.Instance, state, report);
            if (invocation.Instance != null && method.Name != nameof(ToString) && _context.Sources.IsClassified(invocation.Instance.Type))
            {
                // An object with personal members leaks them through ToString(), not through every method it has.
                receiver = receiver.Except(_context.Sources.OfType(invocation.Instance.Type));
            }

            var isLinq = PrivacyContext.IsLinq(method);
            var argumentTaints = new ImmutableHashSet<TaintSource>[invocation.Arguments.Length];
            var arguments = Taint.Clean;
            var lambdas = Taint.Clean;
            for (var i = 0; i < invocation.Arguments.Length; i++)
            {
                var value = invocation.Arguments[i].Value;
                if (isLinq && i > 0 && AnonymousFunction(value) is IFlowAnonymousFunctionOperation function)
                {
                    // A lambda over the elements: its parameter carries what the elements carry beyond their type.
                    var source = invocation.Arguments[0].Value;
                    var elements = argumentTaints[0].Except(_context.Sources.OfType(source.Type));
                    if (_groupKeys != null && StaticSource(source) is IInvocationOperation grouped && _groupKeys.TryGetValue(grouped, out var keys))
                    {
                        // users.GroupBy(u => u.Email).Select(g => g.Key): the groups' keys carry what the key selector returned.
                        elements = Taint.Union(elements, keys);
                    }

                    argumentTaints[i] = LambdaReturn(function, state, report, elements);
                    lambdas = Taint.Union(lambdas, argumentTaints[i]);
                    if (argumentTaints[i].Count > 0 && invocation.Arguments[i].Parameter?.Name == "keySelector" && (method.Name == "GroupBy" || method.Name == "ToLookup"))
                    {
                        (_groupKeys ??= new Dictionary<IOperation, ImmutableHashSet<TaintSource>>())[invocation] = argumentTaints[i];
                    }
                }
                else if (isLinq && i > 0 && MethodGroup(value) is IMethodReferenceOperation reference)
                {
                    // Select(Normalize), Where(IsActive): the method is called on each element; unless it returns a test
                    // or a number of them, or sanitizes them, what it returns is taken to be what it was given.
                    var target = reference.Method;
                    var source = invocation.Arguments[0].Value;
                    argumentTaints[i] = IsPredicateOrSize(target) || IsScalar(target.ReturnType) || _context.IsSanitizer(target)
                        ? _context.Sources.OfMember(target)
                        : Taint.Union(_context.Sources.OfMember(target), argumentTaints[0].Except(_context.Sources.OfType(source.Type)));
                    lambdas = Taint.Union(lambdas, argumentTaints[i]);
                }
                else
                {
                    argumentTaints[i] = Evaluate(value, state, report);
                    if (AnonymousFunction(value) != null)
                    {
                        lambdas = Taint.Union(lambdas, argumentTaints[i]);
                    }
                }

                arguments = Taint.Union(arguments, argumentTaints[i]);
            }

            var summary = _context.Summary(method, _stack, _cancellationToken);
            var sink = _context.ClassifySink(invocation, _settings);
            var isSink = sink.Kind != SinkKind.None;
            if (report && _findings != null)
            {
                CheckSink(invocation, sink, argumentTaints, state);
                if (summary != null)
                {
                    ReportCalleeSinks(invocation, method, summary, receiver, invocation.Arguments, argumentTaints, state);
                }
            }

            Store(invocation, method, summary, isSink, argumentTaints, state);

            if (_context.IsConsentCheck(method, _settings))
            {
                if (method.ReturnsVoid || (Names.IsTaskType(method.ReturnType) && !((INamedTypeSymbol)method.ReturnType).IsGenericType))
                {
                    state.Guarded = true;
                }

                return Taint.Clean;
            }

            if (method.ReturnsVoid || _context.IsSanitizer(method))
            {
                return Taint.Clean;
            }

            var result = Taint.Union(_context.Sources.OfMember(method), _context.Sources.OfCall(invocation));
            if (PiiSources.IsWellKnown(method))
            {
                // UserManager<T>: what each call returns is known (GetEmailAsync an e-mail, GetUserIdAsync the key).
                return Taint.Union(result, _context.Sources.OfType(method.ReturnType));
            }

            if (summary != null)
            {
                result = Taint.Union(result, summary.Returns);
                if (summary.Returned(0))
                {
                    result = Taint.Union(result, receiver);
                }

                for (var i = 0; i < invocation.Arguments.Length; i++)
                {
                    if (InputOf(invocation.Arguments[i], i) is int input && summary.Returned(input))
                    {
                        result = Taint.Union(result, argumentTaints[i]);
                    }
                }
            }
            else if (isLinq && LinqProjections.Contains(method.Name))
            {
                // Select(u => u.Email) carries what the projection returns, not everything the elements hold.
                result = Taint.Union(result, lambdas);
            }
            else if (method.Name == nameof(ToString) && method.Parameters.IsEmpty && invocation.Instance != null)
            {
                // order.ToString() with no override in source: what the object's text carries.
                result = Taint.Union(result, _context.Text(StaticType(invocation.Instance), receiver, _stack));
            }
            else if (!IsPredicateOrSize(method))
            {
                // Where, OrderBy, FirstOrDefaultAsync, EF Core's Include(s => s.Library): an operator that keeps the
                // elements of its source returns those elements, not what its lambdas read.
                var operands = !lambdas.IsEmpty && KeepsElements(invocation) ? OperandsWithoutLambdas(invocation, argumentTaints) : arguments;
                result = Taint.Union(result, Taint.Union(receiver, operands));
                if (!result.IsEmpty && ReturnsText(method))
                {
                    // RenderViewToStringAsync(view, order), Format(invoice): text made from whole objects by code the
                    // analysis cannot see writes what those objects hold themselves, not everything reachable from them.
                    result = WithOwnMembersOnly(invocation, receiver, argumentTaints, result);
                }
                else if (!result.IsEmpty && IsScalar(method.ReturnType))
                {
                    // MaxAsync(p => p.Volume), Sum, Parse: a number, date or flag computed from objects is not those
                    // objects: what their types hold stays with them; what flowed into the values (a parsed phone
                    // number) stays in the result.
                    result = WithoutObjectTypes(invocation, receiver, argumentTaints, result);
                }
            }

            return Taint.Union(result, _context.Sources.OfType(method.ReturnType));
        }

        /// <summary>
        /// True for a call on a sequence (its receiver, or an extension's first argument) that returns a sequence of the
        /// same elements, or one of them, or a task of either: a filter, an ordering, a query option.
        /// </summary>
        private static bool KeepsElements(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var source = invocation.Instance ?? (method.IsExtensionMethod || method.ReducedFrom != null ? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null) : null);
            var elements = source == null ? null : TextForms.SequenceElement(StaticType(source));
            if (elements == null)
            {
                return false;
            }

            var returned = method.ReturnType;
            if (returned is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task && Names.IsTaskType(task))
            {
                returned = task.TypeArguments[0];
            }

            var returnedElements = TextForms.SequenceElement(returned) ?? returned;
            return SymbolEqualityComparer.Default.Equals(returnedElements, elements);
        }

        private ImmutableHashSet<TaintSource> WithoutObjectTypes(IInvocationOperation invocation, ImmutableHashSet<TaintSource> receiver, ImmutableHashSet<TaintSource>[] argumentTaints, ImmutableHashSet<TaintSource> result)
        {
            var kept = invocation.Instance == null ? Taint.Clean : receiver.Except(_context.Sources.OfType(StaticType(invocation.Instance)));
            for (var i = 0; i < argumentTaints.Length; i++)
            {
                kept = Taint.Union(kept, argumentTaints[i].Except(_context.Sources.OfType(StaticType(invocation.Arguments[i].Value))));
            }

            return result.Intersect(kept);
        }

        private ImmutableHashSet<TaintSource> WithOwnMembersOnly(IInvocationOperation invocation, ImmutableHashSet<TaintSource> receiver, ImmutableHashSet<TaintSource>[] argumentTaints, ImmutableHashSet<TaintSource> result)
        {
            var reachable = Taint.Clean;
            var own = Taint.Clean;
            void Add(IOperation operand)
            {
                var type = StaticType(operand);
                reachable = Taint.Union(reachable, _context.Sources.OfType(type));
                own = Taint.Union(own, _context.Sources.OwnOfType(type));
            }

            if (invocation.Instance != null)
            {
                Add(invocation.Instance);
            }

            foreach (var argument in invocation.Arguments)
            {
                Add(argument.Value);
            }

            if (reachable.IsEmpty)
            {
                return result;
            }

            // What flowed into the operands beyond their types stays; of their types, only their own members.
            var flowed = (invocation.Instance == null ? Taint.Clean : receiver).Except(reachable);
            for (var i = 0; i < argumentTaints.Length; i++)
            {
                flowed = Taint.Union(flowed, argumentTaints[i].Except(reachable));
            }

            return result.Intersect(Taint.Union(flowed, own));
        }

        private static bool ReturnsText(IMethodSymbol method)
        {
            var returned = method.ReturnType;
            if (returned is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task && Names.IsTaskType(task))
            {
                returned = task.TypeArguments[0];
            }

            return returned.SpecialType == SpecialType.System_String;
        }

        /// <summary>A number, a flag, a character, a date or time, a GUID or an enum, or a task or nullable of one.</summary>
        private static bool IsScalar(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper
                && (Names.IsTaskType(wrapper) || wrapper.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T))
            {
                type = wrapper.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Decimal:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_DateTime:
                    return true;
                case SpecialType.None:
                    return type.TypeKind == TypeKind.Enum
                        || (type.TypeKind == TypeKind.Struct && type.ContainingNamespace?.Name == "System" && type.ContainingNamespace.ContainingNamespace?.IsGlobalNamespace == true
                            && (type.Name == "Guid" || type.Name == "DateTimeOffset" || type.Name == "TimeSpan" || type.Name == "DateOnly" || type.Name == "TimeOnly"));
                default:
                    return false;
            }
        }

        private static ImmutableHashSet<TaintSource> OperandsWithoutLambdas(IInvocationOperation invocation, ImmutableHashSet<TaintSource>[] argumentTaints)
        {
            var operands = Taint.Clean;
            for (var i = 0; i < argumentTaints.Length; i++)
            {
                if (AnonymousFunction(invocation.Arguments[i].Value) == null)
                {
                    operands = Taint.Union(operands, argumentTaints[i]);
                }
            }

            return operands;
        }

        /// <summary>What a call stores in the object it is called on.</summary>
        [MethodImpl(Jit.Optimized)]
        private void Store(IInvocationOperation invocation, IMethodSymbol method, MethodSummary? summary, bool isSink, ImmutableHashSet<TaintSource>[] argumentTaints, FlowState state)
        {
            if (isSink)
            {
                return;
            }

            var stored = Taint.Clean;
            IOperation? receiverOperation = invocation.Instance;
            var first = 0;
            if (receiverOperation == null && method.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                // request.AddQueryParameter("email", email): the extension's first argument is the object it changes.
                receiverOperation = invocation.Arguments[0].Value;
                first = 1;
            }

            if (receiverOperation == null)
            {
                return;
            }

            if (summary != null && first == 0)
            {
                for (var i = 0; i < invocation.Arguments.Length; i++)
                {
                    if (InputOf(invocation.Arguments[i], i) is int input && summary.Stored(input))
                    {
                        stored = Taint.Union(stored, argumentTaints[i]);
                    }
                }
            }
            else if (method.ReturnsVoid || SymbolEqualityComparer.Default.Equals(method.ReturnType, receiverOperation.Type))
            {
                // A mutator (void, or builder-style returning its own type) stores its arguments in its receiver:
                // `builder.Append(email)`, `list.Add(email)`.
                for (var i = first; i < argumentTaints.Length; i++)
                {
                    stored = Taint.Union(stored, argumentTaints[i]);
                }
            }

            if (!stored.IsEmpty && HolderOf(receiverOperation) is object holder)
            {
                AddToWhole(holder, stored, state);
            }
        }

        /// <summary>Records a finding when the call is a sink.</summary>
        [MethodImpl(Jit.Optimized)]
        private void CheckSink(IInvocationOperation invocation, (SinkKind Kind, string Recipient, System.Func<IArgumentOperation, bool>? Relevant) sink, ImmutableHashSet<TaintSource>[] argumentTaints, FlowState state)
        {
            var (kind, recipient, relevant) = sink;
            var requiresConsent = _context.RequiresConsent(invocation.TargetMethod);
            if (kind == SinkKind.None && !requiresConsent)
            {
                return;
            }

            var taint = Taint.Clean;
            Dictionary<int, ITypeSymbol?>? carriers = null;
            for (var i = 0; i < argumentTaints.Length; i++)
            {
                if (relevant == null || relevant(invocation.Arguments[i]))
                {
                    var carrier = StaticType(invocation.Arguments[i].Value);
                    var sent = kind == SinkKind.Log ? Logged(invocation, i, argumentTaints[i], state) : _context.Holdable(carrier, argumentTaints[i]);
                    sent = _context.AsSent(invocation.Arguments[i], sent, kind);
                    taint = Taint.Union(taint, sent);
                    if (_summarizing && kind == SinkKind.Share)
                    {
                        NoteCarriers(ref carriers, sent, carrier);
                    }
                }
            }

            if (!taint.IsEmpty || requiresConsent)
            {
                _findings!.Add(new FlowFinding(
                    invocation,
                    PrivacyContext.NameOf(invocation.TargetMethod),
                    kind == SinkKind.None ? SinkKind.Share : kind,
                    kind == SinkKind.None ? "a method that requires consent" : recipient,
                    taint,
                    state.Guarded,
                    requiresConsent) { Carriers = carriers });
            }
        }

        /// <summary>Notes, for each input stand-in in <paramref name="sent"/>, the type of the value it was sent in.</summary>
        private static void NoteCarriers(ref Dictionary<int, ITypeSymbol?>? carriers, ImmutableHashSet<TaintSource> sent, ITypeSymbol? carrier)
        {
            foreach (var source in sent)
            {
                if (source.IsInput)
                {
                    carriers ??= new Dictionary<int, ITypeSymbol?>();
                    carriers[source.Input] = carriers.TryGetValue(source.Input, out var known) && !SymbolEqualityComparer.Default.Equals(known, carrier) ? null : carrier;
                }
            }
        }

        /// <summary>
        /// A call of a summarized method that sends one of its inputs on: reported at the call, once per kind of sink
        /// (a log, a third party), naming every recipient and sink the input reaches there.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private void ReportCalleeSinks(IOperation call, IMethodSymbol method, MethodSummary summary, ImmutableHashSet<TaintSource> receiver, ImmutableArray<IArgumentOperation> arguments, ImmutableHashSet<TaintSource>[] argumentTaints, FlowState state)
        {
            // What the callee can send of a value is what a value of its type can hold: a DTO built from an entity
            // that references a user holds no e-mail address unless it has a member for one.
            if (!receiver.IsEmpty && call is IInvocationOperation { Instance: IOperation instance })
            {
                AddCalleeFindings(call, method, summary.SinksOf(0), receiver, StaticType(instance), state);
            }

            for (var i = 0; i < arguments.Length; i++)
            {
                if (InputOf(arguments[i], i) is int input && !argumentTaints[i].IsEmpty)
                {
                    AddCalleeFindings(call, method, summary.SinksOf(input), argumentTaints[i], StaticType(arguments[i].Value), state);
                }
            }
        }

        private void AddCalleeFindings(IOperation call, IMethodSymbol method, ImmutableArray<SinkEffect> effects, ImmutableHashSet<TaintSource> argument, ITypeSymbol? argumentType, FlowState state)
        {
            if (effects.IsEmpty)
            {
                return;
            }

            foreach (var kind in new[] { SinkKind.Log, SinkKind.Share })
            {
                // Of one kind, the unguarded sinks if there are any: those are what the finding is about.
                var ofKind = effects.Where(e => e.Kind == kind).ToList();
                var unguarded = ofKind.Where(e => !e.Guarded).ToList();
                var named = unguarded.Count > 0 ? unguarded : ofKind;
                if (named.Count == 0)
                {
                    continue;
                }

                // What the callee sends of the value is what the value it sends can hold: a DTO built from an entity
                // that references a user holds no e-mail address unless it has a member for one.
                var taint = Taint.Clean;
                Dictionary<int, ITypeSymbol?>? carriers = null;
                foreach (var effect in named)
                {
                    var carrier = effect.Carrier ?? argumentType;
                    var held = _context.Holdable(carrier, argument);
                    taint = Taint.Union(taint, held);
                    if (_summarizing && kind == SinkKind.Share)
                    {
                        NoteCarriers(ref carriers, held, carrier);
                    }
                }

                if (taint.IsEmpty)
                {
                    continue;
                }

                _findings!.Add(new FlowFinding(
                    call,
                    PrivacyContext.NameOf(method) + " → " + string.Join(", ", named.Select(e => e.SinkName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal)),
                    kind,
                    string.Join(" and ", named.Select(e => e.Recipient).Distinct().OrderBy(n => n, System.StringComparer.Ordinal)),
                    taint,
                    state.Guarded || unguarded.Count == 0,
                    requiresConsent: false) { Carriers = carriers });
            }
        }

        /// <summary>The summary input an argument binds to: parameter ordinal + 1.</summary>
        [MethodImpl(Jit.Optimized)]
        private static int? InputOf(IArgumentOperation argument, int index)
        {
            var ordinal = argument.Parameter?.Ordinal ?? index;
            return ordinal + 1 < 64 ? ordinal + 1 : (int?)null;
        }

        [MethodImpl(Jit.Optimized)]
        private static IFlowAnonymousFunctionOperation? AnonymousFunction(IOperation value)
        {
            switch (value)
            {
                case IFlowAnonymousFunctionOperation function:
                    return function;
                case IDelegateCreationOperation creation:
                    return AnonymousFunction(creation.Target);
                case IConversionOperation conversion:
                    return AnonymousFunction(conversion.Operand);
                default:
                    return null;
            }
        }

        private static IMethodReferenceOperation? MethodGroup(IOperation value)
        {
            switch (value)
            {
                case IMethodReferenceOperation reference:
                    return reference;
                case IDelegateCreationOperation creation:
                    return MethodGroup(creation.Target);
                case IConversionOperation conversion:
                    return MethodGroup(conversion.Operand);
                default:
                    return null;
            }
        }

        /// <summary>The local, parameter, capture or <c>this</c> an operation is, if it is one.</summary>
        [MethodImpl(Jit.Optimized)]
        private static object? DirectHolder(IOperation? operation)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFlowCaptureReferenceOperation capture:
                    return capture.Id;
                case IInstanceReferenceOperation _:
                    return FlowKeys.This;
                default:
                    return null;
            }
        }

        /// <summary>The local, parameter, capture or <c>this</c> a member access or call receiver belongs to, if any.</summary>
        [MethodImpl(Jit.Optimized)]
        private static object? HolderOf(IOperation? operation)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    return HolderOf(property.Instance);
                case IFieldReferenceOperation field:
                    return HolderOf(field.Instance);
                case IArrayElementReferenceOperation element:
                    return HolderOf(element.ArrayReference);
                case IConversionOperation conversion:
                    return HolderOf(conversion.Operand);
                case IInvocationOperation call when call.Instance != null && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ReturnType, call.Instance.Type):
                    return HolderOf(call.Instance);
                default:
                    return DirectHolder(operation);
            }
        }

        [MethodImpl(Jit.Optimized)]
        private void AddToWhole(object holder, ImmutableHashSet<TaintSource> value, FlowState state)
        {
            state.Set(holder, Taint.Union(state.Get(holder), value));
            if (ReferenceEquals(holder, FlowKeys.This))
            {
                _storedInReceiver = Taint.Union(_storedInReceiver, value);
            }
        }

        [MethodImpl(Jit.Optimized)]
        private void Assign(IOperation target, ImmutableHashSet<TaintSource> value, IOperation? valueOperation, bool isCheckAnswer, FlowState state, bool report)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    SetWhole(local.Local, valueOperation, value, state);
                    state.SetCheckAnswer(local.Local, isCheckAnswer);
                    break;
                case IParameterReferenceOperation parameter:
                    SetWhole(parameter.Parameter, valueOperation, value, state);
                    state.SetCheckAnswer(parameter.Parameter, isCheckAnswer);
                    break;
                case IPropertyReferenceOperation _:
                case IFieldReferenceOperation _:
                    {
                        var member = target is IPropertyReferenceOperation p ? (ISymbol)p.Property : ((IFieldReferenceOperation)target).Field;
                        var instance = target is IPropertyReferenceOperation pr ? pr.Instance : ((IFieldReferenceOperation)target).Instance;
                        foreach (var child in target.ChildOperations)
                        {
                            Evaluate(child, state, report);
                        }

                        if (_storesOf != null && SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, _storesOf)
                            && (instance == null || instance is IInstanceReferenceOperation))
                        {
                            _storedInMember = Taint.Union(_storedInMember, value);
                        }

                        if (DirectHolder(instance) is object direct)
                        {
                            // dto.Email = email: that member of dto carries it; dto.CreatedAt does not.
                            state.Set(FlowKeys.Member(direct, member), value);
                            var stored = FlowKeys.Stored(direct);
                            state.Set(stored, Taint.Union(state.Get(stored), value));
                            if (ReferenceEquals(direct, FlowKeys.This))
                            {
                                _storedInReceiver = Taint.Union(_storedInReceiver, value);
                            }
                        }
                        else if (HolderOf(instance) is object holder && !value.IsEmpty)
                        {
                            // Deeper paths (dto.Address.Street) are not tracked one by one: the holder carries it all.
                            AddToWhole(holder, value, state);
                        }

                        break;
                    }

                default:
                    foreach (var child in target.ChildOperations)
                    {
                        Evaluate(child, state, report);
                    }

                    if (HolderOf(target) is object other && !value.IsEmpty)
                    {
                        AddToWhole(other, value, state);
                    }

                    break;
            }
        }

        /// <summary>
        /// Assigns a holder as a whole. When the value is another holder, its members come along one by one
        /// (<c>var dto = new Dto { Email = e }</c> keeps <c>dto.CreatedAt</c> clean).
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private void SetWhole(object key, IOperation? valueOperation, ImmutableHashSet<TaintSource> value, FlowState state)
        {
            var source = DirectHolder(valueOperation);
            List<KeyValuePair<object, ImmutableHashSet<TaintSource>>>? members = null;
            foreach (var pair in state.HasMembers ? state.Values : Enumerable.Empty<KeyValuePair<object, ImmutableHashSet<TaintSource>>>())
            {
                if (FlowKeys.IsMemberOf(pair.Key, key, out _) || (source != null && FlowKeys.IsMemberOf(pair.Key, source, out _)))
                {
                    (members ??= new List<KeyValuePair<object, ImmutableHashSet<TaintSource>>>()).Add(pair);
                }
            }

            var sourceWhole = source == null ? value : state.Get(source);
            var sourceStored = source == null || !state.HasMembers ? Taint.Clean : state.Get(FlowKeys.Stored(source));
            var sourceMembers = new List<(object, ImmutableHashSet<TaintSource>)>();
            foreach (var pair in members ?? Enumerable.Empty<KeyValuePair<object, ImmutableHashSet<TaintSource>>>())
            {
                if (source != null && FlowKeys.IsMemberOf(pair.Key, source, out var member))
                {
                    sourceMembers.Add((member!, pair.Value));
                }

                if (FlowKeys.IsMemberOf(pair.Key, key, out _))
                {
                    state.Set(pair.Key, Taint.Clean);
                }
            }

            if (source != null && !(valueOperation is IInstanceReferenceOperation))
            {
                // The value's type-level taint is added on every read; only the flow-level part is copied.
                state.Set(key, Taint.Union(sourceWhole, value.Except(sourceStored)));
                state.Set(FlowKeys.Stored(key), sourceStored);
                foreach (var (member, taint) in sourceMembers)
                {
                    state.Set(FlowKeys.Member(key, member), taint);
                }
            }
            else if (PartsOf(valueOperation, state) is Parts parts)
            {
                // var pair = (user.Id, claims), var token = await IssueAsync(...): each element or member keeps what
                // it carries; the whole is their union.
                var all = Taint.Clean;
                foreach (var part in parts)
                {
                    state.Set(FlowKeys.Member(key, part.Key), part.Value);
                    all = Taint.Union(all, part.Value);
                }

                state.Set(key, value.Except(all));
                state.Set(FlowKeys.Stored(key), all);
            }
            else
            {
                state.Set(key, value);
                if (state.HasMembers)
                {
                    state.Set(FlowKeys.Stored(key), Taint.Clean);
                }
            }
        }

        /// <summary>
        /// What each part of a value carries, when that is known: the elements of a tuple literal, the properties of a
        /// positional record built from its constructor, a holder whose parts were set, or the result of a method whose
        /// every return is one of these. Null when only the whole is known.
        /// </summary>
        private Parts? PartsOf(IOperation? value, FlowState state)
        {
            switch (value)
            {
                case ITupleOperation tuple:
                    {
                        var parts = new Parts();
                        for (var i = 0; i < tuple.Elements.Length; i++)
                        {
                            parts[i] = Evaluate(tuple.Elements[i], state, report: false);
                        }

                        return parts;
                    }

                case IAnonymousObjectCreationOperation anonymous:
                    {
                        // new { u.UserName, u.Id }: member by member.
                        var parts = new Parts();
                        foreach (var initializer in anonymous.Initializers)
                        {
                            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                            {
                                parts[target.Property.OriginalDefinition] = Evaluate(assignment.Value, state, report: false);
                            }
                        }

                        return parts;
                    }

                case IObjectCreationOperation creation when RecordProperties(creation) is IPropertySymbol?[] properties:
                    {
                        var parts = new Parts();
                        for (var i = 0; i < creation.Arguments.Length; i++)
                        {
                            if (creation.Arguments[i].Parameter is IParameterSymbol parameter && properties[parameter.Ordinal] is IPropertySymbol property)
                            {
                                parts[property.OriginalDefinition] = Evaluate(creation.Arguments[i].Value, state, report: false);
                            }
                        }

                        return parts;
                    }

                case IConversionOperation conversion:
                    return PartsOf(conversion.Operand, state);
                case IAwaitOperation awaited:
                    return PartsOf(awaited.Operation, state);
                case IPropertyReferenceOperation { Property.Name: "Value" } nullable when nullable.Instance?.Type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                    return PartsOf(nullable.Instance, state);
                case IInvocationOperation { TargetMethod.Name: "FromResult" } wrapped when wrapped.Arguments.Length == 1 && Names.IsTaskType(wrapped.TargetMethod.ContainingType):
                    // Task.FromResult(response): the task's result is the value itself.
                    return PartsOf(wrapped.Arguments[0].Value, state);
                case IInvocationOperation invocation when invocation.TargetMethod.MethodKind != MethodKind.LocalFunction:
                    return ReturnedParts(invocation, state);
                default:
                    if (state.HasMembers && DirectHolder(value) is object holder)
                    {
                        Parts? parts = null;
                        foreach (var pair in state.Values)
                        {
                            if (FlowKeys.IsMemberOf(pair.Key, holder, out var part))
                            {
                                (parts ??= new Parts())[part!] = pair.Value;
                            }
                        }

                        // What was assigned to the holder as a whole may be in any part, named here or not.
                        return state.Get(holder).IsEmpty ? parts : null;
                    }

                    return null;
            }
        }

        /// <summary>The properties a positional record's primary constructor sets, by parameter; null for other creations.</summary>
        private static IPropertySymbol?[]? RecordProperties(IObjectCreationOperation creation)
        {
            if (creation.Constructor is not IMethodSymbol constructor || creation.Type is not INamedTypeSymbol { IsRecord: true } record
                || !constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax))
            {
                return null;
            }

            return constructor.Parameters
                .Select(p => record.GetMembers(p.Name).OfType<IPropertySymbol>().FirstOrDefault())
                .ToArray();
        }

        /// <summary>A summarized method's result, part by part, with its inputs replaced by the call's arguments.</summary>
        private Parts? ReturnedParts(IInvocationOperation invocation, FlowState state)
        {
            var summary = _context.Summary(invocation.TargetMethod, _stack, _cancellationToken);
            if (summary?.ReturnParts == null)
            {
                return null;
            }

            var inputs = new Dictionary<int, ImmutableHashSet<TaintSource>>();
            var parts = new Parts();
            foreach (var part in summary.ReturnParts)
            {
                var taint = Taint.WithoutInputs(part.Value);
                foreach (var source in part.Value.Where(t => t.IsInput))
                {
                    if (!inputs.TryGetValue(source.Input, out var input))
                    {
                        input = inputs[source.Input] = InputTaint(invocation, source.Input, state);
                    }

                    taint = Taint.Union(taint, input);
                }

                parts[part.Key] = taint;
            }

            return parts;
        }

        [MethodImpl(Jit.Optimized)]
        private ImmutableHashSet<TaintSource> InputTaint(IInvocationOperation invocation, int input, FlowState state)
        {
            if (input == 0)
            {
                return Evaluate(invocation.Instance, state, report: false);
            }

            for (var i = 0; i < invocation.Arguments.Length; i++)
            {
                if (InputOf(invocation.Arguments[i], i) == input)
                {
                    return Evaluate(invocation.Arguments[i].Value, state, report: false);
                }
            }

            return Taint.Clean;
        }

        private void Deconstruct(IOperation target, IOperation valueOperation, ImmutableHashSet<TaintSource> value, FlowState state, bool report)
        {
            if (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            if (target is ITupleOperation targets)
            {
                var unwrapped = valueOperation;
                while (unwrapped is IConversionOperation conversion)
                {
                    unwrapped = conversion.Operand;
                }

                var literal = unwrapped is ITupleOperation tuple && tuple.Elements.Length == targets.Elements.Length ? tuple : null;
                var parts = literal == null ? PartsOf(valueOperation, state) : null;
                for (var i = 0; i < targets.Elements.Length; i++)
                {
                    // (a, b) = (email, id), or var (subject, claims) = await Validate(...): element by element when
                    // what each element carries is known, else the whole value.
                    var element = literal != null ? Evaluate(literal.Elements[i], state, report: false)
                        : parts != null && parts.TryGetValue(i, out var known) ? known
                        : value;
                    Deconstruct(targets.Elements[i], literal?.Elements[i] ?? valueOperation, element, state, report);
                }

                return;
            }

            if (target is IDiscardOperation)
            {
                return;
            }

            Assign(target, value, null, false, state, report);
        }

        /// <summary>
        /// What a member read from an object carries of what the object carries as a whole. A member that holds an
        /// object may hold any of it; a text or a scalar member holds values that flowed into the object, and of the
        /// objects held in it (a mapped DTO, an anonymous projection of entities) only the member of the same name
        /// (<c>dto.Email</c>, <c>dto.AuthorEmail</c> from <c>IdentityUser.Email</c>), not <c>post.Title</c>.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private static ImmutableHashSet<TaintSource> ReadFrom(ImmutableHashSet<TaintSource> whole, ISymbol member, ITypeSymbol? type)
        {
            var values = type == null ? null : TextForms.SequenceElement(type) ?? type;
            if (whole.IsEmpty || values == null || !(values.SpecialType == SpecialType.System_String || IsScalar(values)))
            {
                // A member that holds objects (or a collection of them) may hold anything the object holds.
                return whole;
            }

            ImmutableHashSet<TaintSource>.Builder? read = null;
            foreach (var source in whole)
            {
                if (source.InObject && !member.Name.EndsWith(source.Name, System.StringComparison.OrdinalIgnoreCase))
                {
                    read ??= whole.ToBuilder();
                    read.Remove(source);
                }
                else if (source.InObject)
                {
                    read ??= whole.ToBuilder();
                    read.Remove(source);
                    read.Add(source.Value);
                }
            }

            return read == null ? whole : read.ToImmutable();
        }

        /// <summary>A member of a library's generic type whose declared type is one of that type's type parameters (<c>IGrouping.Key</c>).</summary>
        [MethodImpl(Jit.Optimized)]
        private static bool IsTypedByLibraryTypeParameter(ISymbol member)
        {
            var definition = member.OriginalDefinition;
            var declared = definition is IPropertySymbol property ? property.Type : definition is IFieldSymbol field ? field.Type : null;
            return declared is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type }
                && member.ContainingType is INamedTypeSymbol { IsGenericType: true } container
                && !container.Locations.Any(l => l.IsInSource);
        }

        /// <summary>An operation without the implicit conversions around it.</summary>
        private static IOperation StaticSource(IOperation value)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            return value;
        }

        [MethodImpl(Jit.Optimized)]
        private static bool IsSizeOrFlag(ISymbol member, ITypeSymbol? type) =>
            type?.SpecialType == SpecialType.System_Boolean
            || member.Name == "Count" || member.Name == "Length" || member.Name == "LongLength" || member.Name == "Capacity";

        /// <summary>A library call whose result is a test or a size of its inputs: <c>IsNullOrEmpty</c>, <c>EndsWith</c>, <c>IndexOf</c>.</summary>
        [MethodImpl(Jit.Optimized)]
        private static bool IsPredicateOrSize(IMethodSymbol method) =>
            method.ReturnType.SpecialType == SpecialType.System_Boolean
            || (SizeMethods.Contains(method.Name) && method.ReturnType.SpecialType >= SpecialType.System_SByte && method.ReturnType.SpecialType <= SpecialType.System_UInt64);

        [MethodImpl(Jit.Optimized)]
        private static bool IsComparison(BinaryOperatorKind kind) =>
            kind == BinaryOperatorKind.Equals || kind == BinaryOperatorKind.NotEquals
            || kind == BinaryOperatorKind.LessThan || kind == BinaryOperatorKind.LessThanOrEqual
            || kind == BinaryOperatorKind.GreaterThan || kind == BinaryOperatorKind.GreaterThanOrEqual
            || kind == BinaryOperatorKind.ObjectValueEquals || kind == BinaryOperatorKind.ObjectValueNotEquals;
    }
}
