using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Octopus.Privacy.Analyzers.Flow
{
    /// <summary>
    /// A forward dataflow over one <see cref="ControlFlowGraph"/>: taint through locals, captures and expressions,
    /// and consent guards through branches. Runs to a fixed point, then walks every block once more to report the
    /// sinks it reaches, with the state that holds there.
    /// </summary>
    internal sealed class TaintAnalysis
    {
        private const int MaxPasses = 50;

        private readonly PrivacyContext _context;
        private readonly ControlFlowGraph _graph;
        private readonly FlowState _entry;
        private readonly CancellationToken _cancellationToken;
        private readonly List<FlowFinding>? _findings;
        private ImmutableHashSet<TaintSource> _returned = Taint.Clean;

        private TaintAnalysis(PrivacyContext context, ControlFlowGraph graph, FlowState entry, List<FlowFinding>? findings, CancellationToken cancellationToken)
        {
            _context = context;
            _graph = graph;
            _entry = entry;
            _findings = findings;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Analyzes a method body (and the lambdas in it) and returns the sinks personal data reaches.</summary>
        public static List<FlowFinding> FindSinks(PrivacyContext context, ControlFlowGraph graph, IMethodSymbol? method, CancellationToken cancellationToken)
        {
            var findings = new List<FlowFinding>();
            var entry = EntryState(context, method, guarded: method != null && context.RequiresConsent(method));
            new TaintAnalysis(context, graph, entry, findings, cancellationToken).Run();
            return findings;
        }

        /// <summary>What a method's return value may carry when its parameters are clean: its summary for callers.</summary>
        public static ImmutableHashSet<TaintSource> ReturnTaint(PrivacyContext context, ControlFlowGraph graph, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var analysis = new TaintAnalysis(context, graph, EntryState(context, method, guarded: false), null, cancellationToken);
            analysis.Run();
            return analysis._returned;
        }

        private static FlowState EntryState(PrivacyContext context, IMethodSymbol? method, bool guarded)
        {
            var state = FlowState.Initial(guarded);
            foreach (var parameter in method?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty)
            {
                state.Set(parameter, context.Sources.OfMember(parameter));
            }

            return state;
        }

        private void Run()
        {
            var blocks = _graph.Blocks;
            var entryStates = new FlowState?[blocks.Length];
            var dirty = new bool[blocks.Length];
            entryStates[0] = _entry;
            dirty[0] = true;
            for (var i = 0; i < blocks.Length; i++)
            {
                // Catch and filter blocks have no predecessor edges: they are entered by an exception.
                dirty[i] |= blocks[i].Predecessors.IsEmpty && blocks[i].Kind == BasicBlockKind.Block && blocks[i].IsReachable;
            }

            FlowState? everything = null;
            var changed = true;
            for (var pass = 0; changed && pass < MaxPasses; pass++)
            {
                changed = false;
                foreach (var block in blocks)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (!dirty[block.Ordinal])
                    {
                        continue;
                    }

                    dirty[block.Ordinal] = false;
                    var state = entryStates[block.Ordinal];
                    if (state == null)
                    {
                        // A catch or filter block: entered by an exception from anywhere in its try region.
                        state = entryStates[block.Ordinal] = Unguarded(everything ?? _entry);
                    }

                    var exit = Transfer(block, state.Copy(), report: false);
                    everything = FlowState.Join(everything, exit);
                    changed |= Propagate(block, exit, entryStates, dirty);
                }
            }

            if (_findings == null)
            {
                foreach (var block in blocks)
                {
                    if (entryStates[block.Ordinal] is FlowState state && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                    {
                        Transfer(block, state.Copy(), report: false, collectReturn: true);
                    }
                }

                return;
            }

            foreach (var block in blocks)
            {
                if (entryStates[block.Ordinal] is FlowState state)
                {
                    Transfer(block, state.Copy(), report: true);
                }
            }
        }

        private static FlowState Unguarded(FlowState state)
        {
            var copy = state.Copy();
            copy.Guarded = false;
            return copy;
        }

        private bool Propagate(BasicBlock block, FlowState exit, FlowState?[] entryStates, bool[] dirty)
        {
            var changed = false;
            var conditional = block.ConditionalSuccessor;
            var polarity = conditional != null && block.BranchValue != null ? CheckPolarity(block.BranchValue, exit) : 0;

            if (conditional?.Destination != null)
            {
                // The conditional successor is taken when the branch value equals (ConditionKind == WhenTrue).
                var whenValueIs = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                changed |= Merge(conditional.Destination, EdgeState(exit, polarity, whenValueIs), entryStates, dirty);
            }

            if (block.FallThroughSuccessor?.Destination is BasicBlock next)
            {
                var whenValueIs = block.ConditionKind != ControlFlowConditionKind.WhenTrue;
                changed |= Merge(next, conditional == null ? exit : EdgeState(exit, polarity, whenValueIs), entryStates, dirty);
            }

            return changed;
        }

        private static FlowState EdgeState(FlowState exit, int polarity, bool branchValue)
        {
            if (polarity == 0 || exit.Guarded)
            {
                return exit;
            }

            // polarity +1: the value is true exactly when the use is permitted; -1: when it is denied.
            if ((polarity > 0) == branchValue)
            {
                var guarded = exit.Copy();
                guarded.Guarded = true;
                return guarded;
            }

            return exit;
        }

        private static bool Merge(BasicBlock destination, FlowState state, FlowState?[] entryStates, bool[] dirty)
        {
            var existing = entryStates[destination.Ordinal];
            var joined = FlowState.Join(existing, state)!;
            if (existing != null && existing.SameAs(joined))
            {
                return false;
            }

            entryStates[destination.Ordinal] = joined;
            dirty[destination.Ordinal] = true;
            return true;
        }

        private FlowState Transfer(BasicBlock block, FlowState state, bool report, bool collectReturn = false)
        {
            foreach (var operation in block.Operations)
            {
                Evaluate(operation, state, report);
            }

            if (block.BranchValue != null)
            {
                var value = Evaluate(block.BranchValue, state, report);
                if (collectReturn)
                {
                    _returned = Taint.Union(_returned, value);
                }
            }

            return state;
        }

        /// <summary>+1 when the value is true exactly when a consent check permitted the use, -1 when negated, 0 otherwise.</summary>
        private int CheckPolarity(IOperation value, FlowState state)
        {
            switch (value)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return -CheckPolarity(not.Operand, state);
                case IConversionOperation conversion:
                    return CheckPolarity(conversion.Operand, state);
                case IInvocationOperation invocation when _context.IsConsentCheck(invocation.TargetMethod)
                    && invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean:
                    return 1;
                case IPropertyReferenceOperation { Property.Name: "IsPermitted" } property when IsDecision(property.Instance, state):
                    return 1;
                case ILocalReferenceOperation local when state.CheckAnswers.Contains(local.Local):
                    return 1;
                case IFlowCaptureReferenceOperation capture when state.CheckAnswers.Contains(capture.Id):
                    return 1;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals when equals.RightOperand.ConstantValue is { HasValue: true, Value: bool constant }:
                    return constant ? CheckPolarity(equals.LeftOperand, state) : -CheckPolarity(equals.LeftOperand, state);
                default:
                    return 0;
            }
        }

        /// <summary>A <c>PolicyDecision</c> that came from a consent check.</summary>
        private bool IsDecision(IOperation? instance, FlowState state)
        {
            switch (instance)
            {
                case IInvocationOperation invocation:
                    return _context.IsConsentCheck(invocation.TargetMethod);
                case IAwaitOperation awaited:
                    return IsDecision(awaited.Operation, state);
                case ILocalReferenceOperation local:
                    return state.CheckAnswers.Contains(local.Local);
                case IFlowCaptureReferenceOperation capture:
                    return state.CheckAnswers.Contains(capture.Id);
                case IConversionOperation conversion:
                    return IsDecision(conversion.Operand, state);
                default:
                    return false;
            }
        }

        private bool IsCheckAnswer(IOperation value, FlowState state) =>
            CheckPolarity(value, state) > 0 || IsDecision(value, state);

        private ImmutableHashSet<TaintSource> Evaluate(IOperation? operation, FlowState state, bool report)
        {
            switch (operation)
            {
                case null:
                case ILiteralOperation _:
                case IDefaultValueOperation _:
                case ITypeOfOperation _:
                case INameOfOperation _:
                case ISizeOfOperation _:
                    return Taint.Clean;

                case ILocalReferenceOperation local:
                    return Taint.Union(state.Get(local.Local), _context.Sources.OfType(local.Type));

                case IParameterReferenceOperation parameter:
                    return Taint.Union(state.Get(parameter.Parameter), _context.Sources.OfType(parameter.Type));

                case IFlowCaptureReferenceOperation capture:
                    return state.Get(capture.Id);

                case IInstanceReferenceOperation instance:
                    return _context.Sources.OfType(instance.Type);

                case IPropertyReferenceOperation property:
                    return Member(property.Property, property.Instance, property.Arguments.Select(a => a.Value), property.Type, state, report);

                case IFieldReferenceOperation field:
                    return Member(field.Field, field.Instance, Enumerable.Empty<IOperation>(), field.Type, state, report);

                case IInvocationOperation invocation:
                    return Invocation(invocation, state, report);

                case ISimpleAssignmentOperation assignment:
                    {
                        var value = Evaluate(assignment.Value, state, report);
                        Assign(assignment.Target, value, IsCheckAnswer(assignment.Value, state), state, report);
                        return value;
                    }

                case ICompoundAssignmentOperation compound:
                    {
                        var value = Taint.Union(Evaluate(compound.Target, state, report), Evaluate(compound.Value, state, report));
                        Assign(compound.Target, value, false, state, report);
                        return value;
                    }

                case ICoalesceAssignmentOperation coalesce:
                    {
                        var value = Taint.Union(Evaluate(coalesce.Target, state, report), Evaluate(coalesce.Value, state, report));
                        Assign(coalesce.Target, value, false, state, report);
                        return value;
                    }

                case IFlowCaptureOperation capture:
                    {
                        var value = Evaluate(capture.Value, state, report);

                        // A value captured under a consent check (the true arm of ?:, a guarded &&) is consented to.
                        state.Set(capture.Id, state.Guarded ? Taint.Clean : value);
                        state.SetCheckAnswer(capture.Id, IsCheckAnswer(capture.Value, state));
                        return value;
                    }

                case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                    Evaluate(binary.LeftOperand, state, report);
                    Evaluate(binary.RightOperand, state, report);
                    return Taint.Clean;

                case IFlowAnonymousFunctionOperation function:
                    if (report)
                    {
                        // A lambda runs later, with what it captured: analyze its body from the state here.
                        var graph = _graph.GetAnonymousFunctionControlFlowGraph(function, _cancellationToken);
                        var inner = new TaintAnalysis(_context, graph, CapturedState(state, function.Symbol), _findings, _cancellationToken);
                        inner.Run();
                    }

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

        private FlowState CapturedState(FlowState outer, IMethodSymbol lambda)
        {
            var state = outer.Copy();
            foreach (var parameter in lambda.Parameters)
            {
                state.Set(parameter, _context.Sources.OfMember(parameter));
            }

            return state;
        }

        private ImmutableHashSet<TaintSource> Member(ISymbol member, IOperation? instance, IEnumerable<IOperation> arguments, ITypeSymbol? type, FlowState state, bool report)
        {
            var receiver = Evaluate(instance, state, report);
            var taint = _context.Sources.OfMember(member);

            // On an object whose type declares its personal members, only those members carry personal data;
            // on anything else (a string, a tuple, an anonymous object) the member carries what the object does.
            // Sizes and flags of personal data (a list's Count, a string's Length, IsEmpty) are not personal data.
            if (instance != null && !_context.Sources.IsClassified(instance.Type) && !IsSizeOrFlag(member, type))
            {
                taint = Taint.Union(taint, receiver);
            }

            foreach (var argument in arguments)
            {
                taint = Taint.Union(taint, Evaluate(argument, state, report));
            }

            return Taint.Union(taint, _context.Sources.OfType(type));
        }

        private ImmutableHashSet<TaintSource> Invocation(IInvocationOperation invocation, FlowState state, bool report)
        {
            var method = invocation.TargetMethod;
            var receiver = Evaluate(invocation.Instance, state, report);
            if (invocation.Instance != null && method.Name != nameof(ToString) && _context.Sources.IsClassified(invocation.Instance.Type))
            {
                // An object with personal members leaks them through ToString(), not through every method it has.
                receiver = receiver.Except(_context.Sources.OfType(invocation.Instance.Type));
            }
            var argumentTaints = new ImmutableHashSet<TaintSource>[invocation.Arguments.Length];
            var arguments = Taint.Clean;
            for (var i = 0; i < invocation.Arguments.Length; i++)
            {
                argumentTaints[i] = Evaluate(invocation.Arguments[i].Value, state, report);
                arguments = Taint.Union(arguments, argumentTaints[i]);
            }

            var isSink = false;
            if (report && _findings != null)
            {
                isSink = CheckSink(invocation, argumentTaints, state);
            }
            else
            {
                isSink = _context.ClassifySink(invocation).Kind != SinkKind.None;
            }

            // A mutator (void, or builder-style returning its own type) stores its arguments in its receiver:
            // `builder.Append(email)`, `list.Add(email)`.
            if (!isSink && !arguments.IsEmpty && HolderOf(invocation.Instance) is object receiverHolder
                && (method.ReturnsVoid || SymbolEqualityComparer.Default.Equals(method.ReturnType, invocation.Instance!.Type)))
            {
                state.Set(receiverHolder, Taint.Union(state.Get(receiverHolder), arguments));
            }

            if (_context.IsConsentCheck(method))
            {
                if (method.ReturnsVoid || IsTask(method.ReturnType))
                {
                    state.Guarded = true;
                }

                return Taint.Clean;
            }

            if (method.ReturnsVoid || _context.IsSanitizer(method))
            {
                return Taint.Clean;
            }

            var result = Taint.Union(_context.Sources.OfMember(method), _context.Summary(method, _cancellationToken));
            result = Taint.Union(result, Taint.Union(receiver, arguments));
            return Taint.Union(result, _context.Sources.OfType(method.ReturnType));
        }

        /// <summary>Records a finding when the call is a sink; returns whether it is one.</summary>
        private bool CheckSink(IInvocationOperation invocation, ImmutableHashSet<TaintSource>[] argumentTaints, FlowState state)
        {
            var (kind, recipient, relevant) = _context.ClassifySink(invocation);
            var requiresConsent = _context.RequiresConsent(invocation.TargetMethod);
            if (kind == SinkKind.None && !requiresConsent)
            {
                return false;
            }

            var taint = Taint.Clean;
            for (var i = 0; i < argumentTaints.Length; i++)
            {
                if (relevant == null || relevant(invocation.Arguments[i]))
                {
                    taint = Taint.Union(taint, argumentTaints[i]);
                }
            }

            if (!taint.IsEmpty || requiresConsent)
            {
                _findings!.Add(new FlowFinding(
                    invocation,
                    kind == SinkKind.None ? SinkKind.Share : kind,
                    kind == SinkKind.None ? "a method that requires consent" : recipient,
                    taint,
                    state.Guarded,
                    requiresConsent));
            }

            return true;
        }

        /// <summary>The local, parameter or capture a member access or call receiver stands for, if any.</summary>
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
                case IInvocationOperation call when call.Instance != null && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ReturnType, call.Instance.Type):
                    return HolderOf(call.Instance);
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFlowCaptureReferenceOperation capture:
                    return capture.Id;
                default:
                    return null;
            }
        }

        private void Assign(IOperation target, ImmutableHashSet<TaintSource> value, bool isCheckAnswer, FlowState state, bool report)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    state.Set(local.Local, value);
                    state.SetCheckAnswer(local.Local, isCheckAnswer);
                    break;
                case IParameterReferenceOperation parameter:
                    state.Set(parameter.Parameter, value);
                    state.SetCheckAnswer(parameter.Parameter, isCheckAnswer);
                    break;
                default:
                    // Fields, properties, array elements: no heap model. The object they belong to carries what is
                    // stored in it (field-insensitively), so `request.Content = tainted` taints `request`.
                    foreach (var child in target.ChildOperations)
                    {
                        Evaluate(child, state, report);
                    }

                    if (HolderOf(target) is object holder && !value.IsEmpty)
                    {
                        state.Set(holder, Taint.Union(state.Get(holder), value));
                    }

                    break;
            }
        }

        private static bool IsSizeOrFlag(ISymbol member, ITypeSymbol? type) =>
            type?.SpecialType == SpecialType.System_Boolean
            || member.Name == "Count" || member.Name == "Length" || member.Name == "LongLength" || member.Name == "Capacity";

        private static bool IsTask(ITypeSymbol type) =>
            type is INamedTypeSymbol named && !named.IsGenericType && (named.Name == "Task" || named.Name == "ValueTask")
            && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        private static bool IsComparison(BinaryOperatorKind kind) =>
            kind == BinaryOperatorKind.Equals || kind == BinaryOperatorKind.NotEquals
            || kind == BinaryOperatorKind.LessThan || kind == BinaryOperatorKind.LessThanOrEqual
            || kind == BinaryOperatorKind.GreaterThan || kind == BinaryOperatorKind.GreaterThanOrEqual
            || kind == BinaryOperatorKind.ObjectValueEquals || kind == BinaryOperatorKind.ObjectValueNotEquals;
    }
}
