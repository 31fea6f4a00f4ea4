using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Configuration;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// A forward dataflow over one <see cref="ControlFlowGraph"/>: taint through locals, members of locals, captures
    /// and expressions, and consent guards through branches. Runs to a fixed point, then walks every block once more to
    /// collect the sinks it reaches and what it returns, with the state that holds there. The same walk summarizes a
    /// method for its callers when each input starts as a stand-in for itself.
    /// </summary>
    internal sealed partial class TaintAnalysis
    {
        private const int MaxPasses = 50;

        private readonly PrivacyContext _context;
        private readonly ControlFlowGraph _graph;
        private readonly FlowState _entry;
        private readonly SummaryStack _stack;
        private readonly TreeSettings _settings;
        private readonly CancellationToken _cancellationToken;
        private readonly List<FlowFinding>? _findings;
        private TaintSet _returned = Taint.Clean;
        private TaintSet _storedInReceiver = Taint.Clean;

        /// <summary>While a summary is computed: what the method stores of its inputs in the parameters it is given.</summary>
        private List<InputStore>? _storedInInputs;
        private Parts? _returnedParts;
        private bool _returnedWholes;

        /// <summary>The parameter every return so far gives back as it was given (a summary's), until one gives anything else.</summary>
        private IParameterSymbol? _returnedParameter;
        private bool _returnsOther;

        /// <summary>
        /// True when member reads add what the type's methods store in the member (<see cref="PrivacyContext.StoredIn"/>):
        /// in the analysis of a method for its findings, not in summaries (which are shared) or in the collection of stores.
        /// </summary>
        private bool _readsStored;

        /// <summary>
        /// While the stores of a method are collected: what it assigns to each member of its own object (keyed by the
        /// member's definition); null otherwise.
        /// </summary>
        private Dictionary<ISymbol, TaintSet>? _storesOf;

        /// <summary>Each lambda's last entry state and what it returned from it, while the fixed point is sought.</summary>
        private Dictionary<IFlowAnonymousFunctionOperation, (FlowState Entry, TaintSet Returned, Parts? Parts)>? _lambdaResults;

        /// <summary>
        /// What each lambda last returned part by part (<c>u =&gt; new { u.Id, u.Email }</c>), when every return is an
        /// object whose parts are known: a projection's elements, member by member.
        /// </summary>
        private Dictionary<IFlowAnonymousFunctionOperation, Parts?>? _lambdaParts;

        /// <summary>True when this walk runs a lambda's body: the parts of an anonymous object it returns are collected, as a summary's are.</summary>
        private bool _collectParts;

        /// <summary>The taint each GroupBy or ToLookup call's key selector returned, for the groups' keys.</summary>
        private Dictionary<IOperation, TaintSet>? _groupKeys;

        /// <summary>For the data map: the sanitizer calls that redacted personal data, and what they redacted.</summary>
        private Dictionary<IOperation, TaintSet>? _sanitized;

        /// <summary>For the data map: the locals that hold a sanitizer's result, and what it redacted.</summary>
        private Dictionary<ILocalSymbol, TaintSet>? _redactedLocals;

        /// <summary>The place each capture of the graph stands for (see <see cref="NoteCapture"/>); null where it is not one.</summary>
        // Keyed by the boxed capture id, as the state is: the framework has precompiled code for a dictionary keyed by
        // objects, not for one keyed by Roslyn's struct.
        private Dictionary<object, IOperation?>? _captures;

        /// <summary>True when this walk computes a method's summary: only then are the parts of its result collected.</summary>
        private bool _summarizing;

        /// <summary>
        /// The class of the object the summarized method runs on, when a call narrowed it below the method's own class:
        /// the receiver of the calls the method makes on itself.
        /// </summary>
        private ITypeSymbol? _receiver;

        /// <summary>What the method says its locals, parameters and their members hold (<see cref="Identified"/>).</summary>
        /// <remarks>Replaced, never changed in place: it may be a type's cached answer, or shared with a lambda's analysis.</remarks>
        private Dictionary<object, TaintSet> _identified;

        /// <summary>Per argument key, whether it holds the program's own text (<see cref="IsCallersConstant"/>); made on first use.</summary>
        private Dictionary<object, bool>? _callersConstants;

        /// <summary>The locals a callee said something of while this method was analysed (<see cref="IdentifyArguments"/>).</summary>
        private HashSet<object>? _saidByCallees;

        /// <summary>While the calls of a private method are looked for (<see cref="StatesAtCalls"/>): that method, and the state at each call.</summary>
        private IMethodSymbol? _callsOf;
        private List<FlowState>? _statesAtCalls;

        private TaintAnalysis(PrivacyContext context, ControlFlowGraph graph, FlowState entry, List<FlowFinding>? findings, SummaryStack stack, CancellationToken cancellationToken, Dictionary<object, TaintSet>? identified = null)
        {
            _context = context;
            _graph = graph;
            _entry = entry;
            _findings = findings;
            _stack = stack;
            _cancellationToken = cancellationToken;

            // The options of the file being analyzed (lambdas and local functions are in the same file).
            _settings = context.SettingsFor(graph.OriginalOperation.Syntax.SyntaxTree);

            // A lambda or local function is given its method's: the scan of the method covered its body.
            _identified = identified ?? Identified(context, graph.OriginalOperation);
        }

        /// <summary>Analyzes a method body (and the lambdas and local functions it calls) and returns the sinks personal data reaches.</summary>
        public static List<FlowFinding> FindSinks(PrivacyContext context, ControlFlowGraph graph, IMethodSymbol? method, CancellationToken cancellationToken)
        {
            var findings = new List<FlowFinding>();
            var entry = EntryState(context, method, guarded: method != null && context.RequiresConsent(method), inputs: false);

            // A method of an object reads the members its object's other methods say are personal (the page's helper
            // mailing Input.Email, which the handler registered the user with).
            var identified = method is { IsStatic: false, ContainingType: { } type }
                ? WithMembersOfType(Identified(context, graph.OriginalOperation), context.IdentifiedMembersOf(type))
                : null;
            new TaintAnalysis(context, graph, entry, findings, new SummaryStack(), cancellationToken, identified) { _readsStored = true }.Run();
            return findings;
        }

        /// <summary>
        /// The state at each call of <paramref name="callee"/> in a method's body, as the walk that reports finds it: what
        /// is known there, the consent checks that succeeded on every path to the call among it (see <see cref="CallerGuards"/>).
        /// </summary>
        public static List<FlowState> StatesAtCalls(PrivacyContext context, ControlFlowGraph graph, IMethodSymbol method, IMethodSymbol callee, CancellationToken cancellationToken)
        {
            var entry = EntryState(context, method, guarded: context.RequiresConsent(method), inputs: false);
            var analysis = new TaintAnalysis(context, graph, entry, new List<FlowFinding>(), new SummaryStack(), cancellationToken)
            {
                _readsStored = true,
                _callsOf = callee.OriginalDefinition,
                _statesAtCalls = new List<FlowState>(),
            };
            analysis.Run();
            return analysis._statesAtCalls;
        }

        /// <summary>
        /// What a method stores in each member of its own object (or of its type, when static), by the member's
        /// definition: the sources of every value assigned to it (its inputs among them, which the caller drops), in one
        /// dataflow however many members it assigns. Stored members are not read while this runs.
        /// </summary>
        public static Dictionary<ISymbol, TaintSet> StoredMembers(PrivacyContext context, ControlFlowGraph graph, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var stores = new Dictionary<ISymbol, TaintSet>(SymbolEqualityComparer.Default);
            var analysis = new TaintAnalysis(context, graph, EntryState(context, method, guarded: false, inputs: false), null, new SummaryStack(), cancellationToken)
            {
                _storesOf = stores,
            };
            analysis.Run();
            return stores;
        }

        /// <summary>
        /// What callers need to know of <paramref name="method"/>: one dataflow over its body with each input standing
        /// for itself (see <see cref="MethodSummary"/>).
        /// </summary>
        public static MethodSummary Summarize(PrivacyContext context, ControlFlowGraph graph, IMethodSymbol method, ITypeSymbol? receiver, SummaryStack stack, CancellationToken cancellationToken)
        {
            var findings = new List<FlowFinding>();
            var analysis = new TaintAnalysis(context, graph, EntryState(context, method, guarded: false, inputs: true), findings, stack, cancellationToken) { _summarizing = true, _changes = new Changes(method), _receiver = receiver };
            analysis.Run();

            var returned = InputsOf(analysis._returned);
            var stored = InputsOf(analysis._storedInReceiver) & ~1UL;
            var sinks = new ImmutableArray<SinkEffect>[Math.Min(64, method.Parameters.Length + 1)];
            var judgedHere = IdentifiedParameterMembers(analysis._identified, method);
            foreach (var finding in findings)
            {
                if (finding.Kind == SinkKind.None)
                {
                    continue;
                }

                foreach (var source in finding.Taint)
                {
                    if (source.IsInput && source.Input < sinks.Length && !(judgedHere != null && source.ThroughMember is string read && judgedHere.Contains(ParameterMember(source.Input, read))))
                    {
                        var carrier = finding.Carriers != null && finding.Carriers.TryGetValue(source.Input, out var type) ? type : null;
                        var members = source.ThroughMember is string member ? ImmutableArray.Create(member) : default;
                        if (finding.Routes.IsEmpty)
                        {
                            sinks[source.Input] = MethodSummary.With(sinks[source.Input], new SinkEffect(finding.Kind, finding.Channel, finding.Recipient, finding.PolicyRecipient, finding.SinkName, finding.Guarded, carrier, source.IsText, members, finding.Through, finding.IsException));
                            continue;
                        }

                        foreach (var route in finding.Routes)
                        {
                            sinks[source.Input] = MethodSummary.With(sinks[source.Input], new SinkEffect(finding.Kind, route.Channel, route.Recipient, route.PolicyRecipient, route.SinkName, finding.Guarded, carrier, source.IsText, members, finding.Through, route.IsException));
                        }
                    }
                }
            }

            var parts = analysis._returnedWholes ? null : analysis._returnedParts;
            var itself = graph.OriginalOperation is IOperation body ? ReturnedArgument(analysis, body, method) : null;
            return new MethodSummary(Taint.WithoutInputs(analysis._returned), returned, stored, sinks.ToImmutableArray(), parts, IdentifiedInputs(context, analysis._identified, method), analysis._changes!.Inputs, analysis._storedInInputs?.ToImmutableArray() ?? default, itself, analysis._returned.Where(t => t.IsInput));
        }

        /// <summary>
        /// The members of its parameters that the method itself says are personal (<c>FindByEmailAsync(form.Email)</c>, or
        /// a callee of its saying so), as <c>input.Name</c>; null for none. Its sinks of those members are judged in the
        /// method, as its own sinks of a user's members are, so a summary does not tell its callers of them: a caller that
        /// passes an object it knows the same of would report them again.
        /// </summary>
        private static HashSet<string>? IdentifiedParameterMembers(Dictionary<object, TaintSet> identified, IMethodSymbol method)
        {
            HashSet<string>? members = null;
            var path = new List<object>();
            foreach (var key in identified.Keys)
            {
                if (FlowKeys.RootOf(key, path) is IParameterSymbol parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                    && path.Count == 1 && path[0] is ISymbol read)
                {
                    (members ??= new HashSet<string>(StringComparer.Ordinal)).Add(ParameterMember(parameter.Ordinal + 1, read.Name));
                }
            }

            return members;
        }

        private static string ParameterMember(int input, string member) => input.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + member;

        /// <summary>
        /// What the method says parts of its parameters hold: its <see cref="Identified"/> keys rooted at one. Not secrets:
        /// a password the method hands to Identity is known as one in the method, where its own sinks are judged, but a
        /// caller's object that holds it (a form, a message built from it) would make every sink a summary imprecisely
        /// says reads that object a secret's.
        /// </summary>
        private static ImmutableArray<IdentifiedInput> IdentifiedInputs(PrivacyContext context, Dictionary<object, TaintSet> identified, IMethodSymbol method)
        {
            if (identified.Count == 0)
            {
                return ImmutableArray<IdentifiedInput>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<IdentifiedInput>();
            var path = new List<object>();
            foreach (var pair in identified)
            {
                if (FlowKeys.RootOf(pair.Key, path) is IParameterSymbol parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
                    && parameter.Ordinal + 1 < 64
                    && pair.Value.Where(t => !(t.IsPolicyCategory && context.Vocabulary.IsSecret(t.Category))) is { IsEmpty: false } holds)
                {
                    builder.Add(new IdentifiedInput(parameter.Ordinal + 1, path.ToImmutableArray(), holds));
                }
            }

            return builder.ToImmutable();
        }

        private static ulong InputsOf(TaintSet taint)
        {
            var bits = 0UL;
            foreach (var source in taint)
            {
                if (source.IsInput)
                {
                    bits |= 1UL << source.Input;
                }
            }

            return bits;
        }

        private static FlowState EntryState(PrivacyContext context, IMethodSymbol? method, bool guarded, bool inputs)
        {
            var state = FlowState.Initial(guarded);
            if (inputs && TaintSource.ForInput(0) is TaintSource receiver && method != null && !method.IsStatic)
            {
                state.Set(FlowKeys.This, Taint.Clean.Add(receiver));
            }

            foreach (var parameter in method?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty)
            {
                var taint = context.Sources.OfMember(parameter);
                if (inputs && TaintSource.ForInput(parameter.Ordinal + 1) is TaintSource input)
                {
                    taint = taint.Add(input);
                }

                state.Set(parameter, taint);
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

            // A graph whose edges all go forward (no loop, no block entered by an exception) has each block's entry state
            // final when the first pass reaches it: that pass reports and collects what the method returns, and the walk
            // ends there, unless a callee said what a value holds during it or a block has to be walked again (then what
            // it reported is dropped and the passes go on as for any graph).
            var reportedFirst = FlowsForwardOnly(blocks);
            var findingsBefore = _findings?.Count ?? 0;
            FlowState? everything = null;
            var changed = true;
            for (var pass = 0; changed && pass < MaxPasses; pass++)
            {
                changed = false;
                var identified = _identified;
                foreach (var block in blocks)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (!dirty[block.Ordinal])
                    {
                        continue;
                    }

                    if (pass > 0 && reportedFirst)
                    {
                        reportedFirst = false;
                        DropFindingsAfter(findingsBefore);
                    }

                    dirty[block.Ordinal] = false;
                    var state = entryStates[block.Ordinal];
                    if (state == null)
                    {
                        // A catch or filter block: entered by an exception from anywhere in its try region.
                        state = entryStates[block.Ordinal] = Unguarded(everything ?? _entry);
                    }

                    var reporting = pass == 0 && reportedFirst;
                    var exit = Transfer(block, state.Copy(), report: reporting && _findings != null, collectReturn: reporting && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return);
                    everything = FlowState.Join(everything, exit);
                    changed |= Propagate(block, exit, entryStates, dirty);
                }

                if (!ReferenceEquals(identified, _identified))
                {
                    // A callee said what an argument's member holds (IdentifyArguments) after blocks that read it were
                    // walked: a value of it captured there (request?.PhoneNumber, logged in the next block) is walked again.
                    for (var i = 0; i < blocks.Length; i++)
                    {
                        dirty[i] |= entryStates[i] != null;
                    }

                    changed = true;
                    if (reportedFirst)
                    {
                        reportedFirst = false;
                        DropFindingsAfter(findingsBefore);
                    }
                }
            }

            if (reportedFirst)
            {
                return;
            }

            foreach (var block in blocks)
            {
                if (entryStates[block.Ordinal] is FlowState state)
                {
                    Transfer(block, state.Copy(), report: _findings != null, collectReturn: block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return);
                }
            }
        }

        /// <summary>
        /// True when every reachable block but the entry is entered only from blocks before it: no loop, and no catch, filter
        /// or finally block (entered by the exception or the exit of a region, with no edge to it).
        /// </summary>
        private static bool FlowsForwardOnly(ImmutableArray<BasicBlock> blocks)
        {
            for (var i = 1; i < blocks.Length; i++)
            {
                var block = blocks[i];
                if (!block.IsReachable)
                {
                    continue;
                }

                if (block.Predecessors.IsEmpty && block.Kind == BasicBlockKind.Block)
                {
                    return false;
                }

                foreach (var predecessor in block.Predecessors)
                {
                    if (predecessor.Source.Ordinal >= block.Ordinal)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Drops what a pass reported before the states it reported from were final (lambdas' findings included), and the
        /// states it recorded at calls (<see cref="StatesAtCalls"/>): the walk that reports records them again.
        /// </summary>
        private void DropFindingsAfter(int count)
        {
            if (_findings != null && _findings.Count > count)
            {
                _findings.RemoveRange(count, _findings.Count - count);
            }

            _statesAtCalls?.Clear();
        }

        private static FlowState Unguarded(FlowState state)
        {
            var copy = state.Copy();
            copy.Unguard();
            return copy;
        }

        private bool Propagate(BasicBlock block, FlowState exit, FlowState?[] entryStates, bool[] dirty)
        {
            var changed = false;
            var conditional = block.ConditionalSuccessor;
            var polarity = conditional != null && block.BranchValue != null ? CheckPolarity(block.BranchValue, exit) : 0;
            var purpose = polarity != 0 ? CheckPurpose(block.BranchValue!) : null;

            if (conditional?.Destination != null)
            {
                // The conditional successor is taken when the branch value equals (ConditionKind == WhenTrue).
                var whenValueIs = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                changed |= Merge(conditional.Destination, EdgeState(exit, polarity, whenValueIs, purpose), entryStates, dirty);
            }

            if (block.FallThroughSuccessor?.Destination is BasicBlock next)
            {
                var whenValueIs = block.ConditionKind != ControlFlowConditionKind.WhenTrue;
                changed |= Merge(next, conditional == null ? exit : EdgeState(exit, polarity, whenValueIs, purpose), entryStates, dirty);
            }

            return changed;
        }

        private static FlowState EdgeState(FlowState exit, int polarity, bool branchValue, string? purpose)
        {
            if (polarity == 0 || (exit.Guarded && exit.GuardPurposes == null))
            {
                return exit;
            }

            // polarity +1: the value is true exactly when the use is permitted; -1: when it is denied.
            if ((polarity > 0) == branchValue)
            {
                var guarded = exit.Copy();
                guarded.Guard(purpose);
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

        private FlowState Transfer(BasicBlock block, FlowState state, bool report, bool collectReturn)
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
                    if (_summarizing || (_collectParts && block.BranchValue.Type?.IsAnonymousType == true))
                    {
                        // A lambda's parts serve only a projection's anonymous objects (ElementPartsOf).
                        CollectReturnedParts(block.BranchValue, state);
                    }

                    if (_summarizing)
                    {
                        CollectReturnedArgument(block.BranchValue);
                    }
                }
            }

            return state;
        }

        /// <summary>
        /// Notes which parameter a return of the summarized method gives back as it was given (<c>return entity;</c>, or
        /// the result of a call that gives back the parameter handed to it); any other value ends it.
        /// </summary>
        private void CollectReturnedArgument(IOperation value)
        {
            var unwrapped = PrivacyContext.Unconverted(value);
            if (_returnsOther || unwrapped is ILiteralOperation || unwrapped is IDefaultValueOperation)
            {
                // return null gives back nothing.
                return;
            }

            if ((DirectHolder(value) ?? DirectHolder(ReturnedArgumentOf(value))) is IParameterSymbol parameter
                && (_returnedParameter == null || SymbolEqualityComparer.Default.Equals(parameter, _returnedParameter)))
            {
                _returnedParameter = parameter;
                return;
            }

            _returnsOther = true;
        }

        /// <summary>
        /// The input a summarized method gives back as it was given on every return: one of its own parameters, never
        /// assigned in it (nor passed by reference), so each return is the caller's argument itself.
        /// </summary>
        private static int? ReturnedArgument(TaintAnalysis analysis, IOperation body, IMethodSymbol method)
        {
            if (analysis._returnsOther || !(analysis._returnedParameter is IParameterSymbol parameter)
                || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) || parameter.Ordinal + 1 >= 64 || parameter.RefKind != RefKind.None)
            {
                return null;
            }

            foreach (var operation in body.Descendants())
            {
                if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter) && IsWrittenTo(reference))
                {
                    return null;
                }
            }

            return parameter.Ordinal + 1;
        }

        /// <summary>
        /// Whether a reference is a place written to: an assignment's target, a <c>ref</c> or <c>out</c> argument, a
        /// <c>ref</c> local's referent, or a part of a deconstruction's target.
        /// </summary>
        private static bool IsWrittenTo(IOperation reference) => reference.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation _ => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol.RefKind != RefKind.None,
            ITupleOperation tuple => tuple.Parent is IDeconstructionAssignmentOperation || tuple.Parent is ITupleOperation || tuple.Parent is IDeclarationExpressionOperation,
            _ => false,
        };

        private void CollectReturnedParts(IOperation value, FlowState state)
        {
            var unwrapped = value;
            while (unwrapped is IConversionOperation conversion)
            {
                unwrapped = conversion.Operand;
            }

            if (_returnedWholes || unwrapped is ILiteralOperation || unwrapped is IDefaultValueOperation)
            {
                // return null adds nothing to any part.
                return;
            }

            var parts = PartsOf(value, state);
            if (parts == null)
            {
                _returnedWholes = true;
                return;
            }

            _returnedParts = _returnedParts == null ? parts : Parts.Union(_returnedParts, parts);
            _returnedWholes |= _returnedParts == null;
        }
    }
}
