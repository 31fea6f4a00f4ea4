using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Configuration;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// The gate's view of an object that reaches personal data only through its navigations (a project whose owner is a
    /// user, the database context): where it is handled whole, and where only its members are read.
    /// </summary>
    internal sealed partial class PrivacyContext
    {
        /// <summary>How many enclosing operations a use is followed through before it counts as handled whole.</summary>
        private const int MaxUseDepth = 16;

        /// <summary>How many uses one question judges before it takes the value for handled whole.</summary>
        private const int MaxJudgedUses = 64;

        /// <summary>How many locals, parameters and members one question follows the reads of.</summary>
        private const int MaxFollowed = 8;

        /// <summary>
        /// True when a value of this type carries personal data only through navigations: its type (or its elements', or
        /// its task's result's) reaches a personal member through other objects' members (<c>Project.Owner.Email</c>)
        /// and declares none itself. Reading one of its members reads only that member
        /// (<see cref="PiiSources.DeclaresPersonalMembers"/>), so an object of it counts only where it may be handled whole.
        /// </summary>
        private bool ReachesPersonalDataOnlyThroughNavigations(ITypeSymbol? type) =>
            Sources.IsClassified(type) && Sources.OwnOfType(type).IsEmpty;

        /// <summary>
        /// True when a value (a reference to a local, a parameter or <c>this</c>, or a call's result) may be handled whole
        /// where it is used: given to a method of this compilation or to a sink, returned, stored where the gate does not
        /// follow it, printed, or held by anything whose own uses the gate does not see. False when it is only read member
        /// by member: a member that is not itself an object reaching personal data (<c>project.Title</c>,
        /// <c>project.OwnerId</c>: a personal member counts on its own, wherever it is read), compared with null or tested
        /// for a type, written to, discarded, or handed to a local, a loop variable or a lambda's parameter whose own uses
        /// are judged the same way, directly or through a library's query over it
        /// (<c>context.Projects.Where(...).ToListAsync()</c>) or Entity Framework Core's tracking of it
        /// (<c>context.Remove(project)</c>). The dataflow gives such a use nothing personal: a member read of an object
        /// whose type declares its members is that member, and a test or a count is not a text. With
        /// <paramref name="reporting"/> (the gate of the analysis that reports, not a summary's), the method's own
        /// <c>return</c> of it is not handled whole either (what a method returns is reported, if anywhere, where its
        /// callers use it), and neither is a field or an auto-property of its own object it is stored in, when the method
        /// reads that member only in ways judged the same way and hands its object to no code of this compilation
        /// (a component's <c>_rows = await Service.LoadAsync()</c>).
        /// </summary>
        private bool MayBeHandledWhole(IOperation value, IOperation body, bool reporting, TreeSettings settings)
        {
            var search = new UseSearch(body, reporting, settings, value as IInvocationOperation);
            search.Pending.Push(value);
            return Search(search);
        }

        /// <summary>Judges the uses pending, and those they lead to, until one may be handled whole or none is left.</summary>
        private bool Search(UseSearch search)
        {
            while (search.Pending.Count > 0)
            {
                if (++search.Judged > MaxJudgedUses || IsHandledWholeAt(search.Pending.Pop(), search))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>One use of <see cref="MayBeHandledWhole"/>, followed up through the operations that enclose it.</summary>
        private bool IsHandledWholeAt(IOperation value, UseSearch search)
        {
            for (var depth = 0; depth < MaxUseDepth; depth++)
            {
                switch (value.Parent)
                {
                    case IConversionOperation _:
                    case IAwaitOperation _:
                    case ICoalesceOperation _:
                        value = value.Parent;
                        continue;
                    case IPropertyReferenceOperation { Property.IsIndexer: false } property when property.Instance == value:
                    case IFieldReferenceOperation field when field.Instance == value:
                        var read = (IMemberReferenceOperation)value.Parent;
                        if (IsReadOnItsOwn(read, value.Type))
                        {
                            return false;
                        }

                        value = read;
                        continue;
                    case IConditionalAccessOperation access when access.Operation == value:
                        if (!(access.WhenNotNull is IMemberReferenceOperation { Instance: IConditionalAccessInstanceOperation } member)
                            || !(member is IPropertyReferenceOperation { Property.IsIndexer: false } || member is IFieldReferenceOperation))
                        {
                            return true;
                        }

                        if (IsReadOnItsOwn(member, value.Type))
                        {
                            return false;
                        }

                        value = access;
                        continue;
                    case IBinaryOperation comparison when IsNullLiteral(comparison.LeftOperand) || IsNullLiteral(comparison.RightOperand):
                    case IIsPatternOperation test when TestsOnly(test.Pattern):
                    case IIsTypeOperation _:
                    case IExpressionStatementOperation _:
                        return false;
                    case IReturnOperation exit when search.Reporting:
                        return !IsMethodsOwn(exit);
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return !FollowLocal(declarator.Symbol, search);
                    case ISimpleAssignmentOperation assignment:
                        return assignment.Target != value && !FollowTarget(assignment.Target, search);
                    case IForEachLoopOperation loop when loop.Collection == value:
                        return !(loop.LoopControlVariable is IVariableDeclaratorOperation variable && FollowLocal(variable.Symbol, search));
                    case IArgumentOperation { Parent: IInvocationOperation call } argument when IsQueryOrTracking(call, argument, search.Settings):
                        if (!FollowLambdaParameters(call, search))
                        {
                            return true;
                        }

                        if (!MayBeCarriedOn(call, ref value))
                        {
                            return false;
                        }

                        continue;
                    case IInvocationOperation call when call.Instance == value && IsQueryOrTracking(call, null, search.Settings):
                        if (!FollowLambdaParameters(call, search))
                        {
                            return true;
                        }

                        if (!MayBeCarriedOn(call, ref value))
                        {
                            return false;
                        }

                        continue;
                    default:
                        return true;
                }
            }

            return true;
        }

        /// <summary>
        /// Puts the uses of a local the value is stored in among those to judge; false when there are too many to follow.
        /// A local of a type that reaches personal data needs none: the gate judges each of its references itself.
        /// </summary>
        private bool FollowLocal(ILocalSymbol local, UseSearch search) =>
            Sources.IsClassified(local.Type) || Follow(local, search);

        /// <summary>
        /// Puts the uses of what the value is assigned to among those to judge: a local, or (for the gate of the analysis
        /// that reports) a field or an auto-property of the method's own object, when the method hands that object to no
        /// code of this compilation. False for anything else: a member of another object, a static member, a property
        /// with a setter of its own, an element.
        /// </summary>
        private bool FollowTarget(IOperation target, UseSearch search)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    return FollowLocal(local.Local, search);
                case IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }
                    when search.Reporting && !HandsOverItsObject(search):
                    return Follow(field, search);
                case IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false } property, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }
                    when search.Reporting && IsAutoProperty(property) && !HandsOverItsObject(search):
                    return Follow(property, search);
                default:
                    return false;
            }
        }

        /// <summary>
        /// Puts the uses of the parameters of the lambdas a library's query is given (<c>rows.Select(r => r.Name)</c>)
        /// among those to judge: they may be handed the value's elements. A parameter of a type that reaches personal data
        /// needs none (the gate judges its references itself).
        /// </summary>
        private bool FollowLambdaParameters(IInvocationOperation call, UseSearch search)
        {
            foreach (var argument in call.Arguments)
            {
                var lambda = argument.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation created } ? created : argument.Value as IAnonymousFunctionOperation;
                foreach (var parameter in lambda?.Symbol.Parameters ?? ImmutableArray<IParameterSymbol>.Empty)
                {
                    if (!Sources.IsClassified(parameter.Type) && !Follow(parameter, search))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Puts every read of a local, a parameter or a member of the method's own object in the body among the uses to
        /// judge (writes to it are not uses of the value). False when the search has already followed as many as it may.
        /// </summary>
        private static bool Follow(ISymbol holder, UseSearch search)
        {
            if (!search.Followed.Add(holder))
            {
                return true;
            }

            if (search.Followed.Count > MaxFollowed)
            {
                return false;
            }

            foreach (var operation in search.Body.Descendants())
            {
                if (IsReferenceTo(operation, holder) && !(operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation))
                {
                    search.Pending.Push(operation);
                }
            }

            return true;
        }

        /// <summary>True for a reference to the local, the parameter, or the member of the method's own object.</summary>
        private static bool IsReferenceTo(IOperation operation, ISymbol holder)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return SymbolEqualityComparer.Default.Equals(local.Local, holder);
                case IParameterReferenceOperation parameter:
                    return SymbolEqualityComparer.Default.Equals(parameter.Parameter, holder);
                case IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } member:
                    return SymbolEqualityComparer.Default.Equals(member.Member, holder);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when the body hands its own object to code of this compilation, which could read the member the value was
        /// stored in: an instance method, a computed property or a delegate of one called on it, or the object itself
        /// given, returned or stored. Reads of its fields and auto-properties, and calls of a library's base class's
        /// methods (<c>StateHasChanged()</c>), hand it nothing the dataflow follows, and neither does the call whose result
        /// is judged (it returns before its result is stored). Asked once per search.
        /// </summary>
        private bool HandsOverItsObject(UseSearch search)
        {
            return search.HandsOverItsObject ??= Compute();

            bool Compute()
            {
                foreach (var operation in search.Body.Descendants())
                {
                    if (!(operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }))
                    {
                        continue;
                    }

                    if (operation.Parent == search.Origin)
                    {
                        // The call that returns the value is made on the object before the value is stored in it.
                        continue;
                    }

                    switch (operation.Parent)
                    {
                        case IFieldReferenceOperation _:
                        case IPropertyReferenceOperation { Property: var property } when IsAutoProperty(property) || !DeclaredHere(property):
                        case IInvocationOperation { TargetMethod: var method } when !IsOwnCode(method):
                            continue;
                        default:
                            return true;
                    }
                }

                return false;
            }
        }

        /// <summary>A method whose body is here, or that dispatches to an implementation here.</summary>
        private bool IsOwnCode(IMethodSymbol method) =>
            HasBodyHere(method) || (Dispatches(method) && ImplementationsIndex(_cancellationToken).Of(method).Count > 0);

        /// <summary>A property of this compilation with a compiler-written backing field (<c>{ get; set; }</c>).</summary>
        private static bool IsAutoProperty(IPropertySymbol property)
        {
            foreach (var member in property.ContainingType.GetMembers())
            {
                if (member is IFieldSymbol { AssociatedSymbol: var associated } && SymbolEqualityComparer.Default.Equals(associated, property))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The state of one <see cref="MayBeHandledWhole"/> question.</summary>
        private sealed class UseSearch
        {
            public UseSearch(IOperation body, bool reporting, TreeSettings settings, IInvocationOperation? origin)
            {
                Body = body;
                Reporting = reporting;
                Settings = settings;
                Origin = origin;
            }

            /// <summary>The call whose result or arguments are judged: it runs before anything it returns is stored.</summary>
            public IInvocationOperation? Origin { get; }

            /// <summary>The method body the uses are searched in.</summary>
            public IOperation Body { get; }

            /// <summary>Whether the gate is that of the analysis that reports (<see cref="MayReportIn"/>).</summary>
            public bool Reporting { get; }

            public TreeSettings Settings { get; }

            /// <summary>The uses still to judge.</summary>
            public Stack<IOperation> Pending { get; } = new Stack<IOperation>();

            /// <summary>The locals, parameters and members whose reads are among the uses.</summary>
            public HashSet<ISymbol> Followed { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public int Judged { get; set; }

            public bool? HandsOverItsObject { get; set; }
        }

        /// <summary>
        /// True when the gate counts a reference to a local, a parameter or <c>this</c>: its type reaches personal data,
        /// and either declares personal members itself or may be handled whole here (<see cref="MayBeHandledWhole"/>).
        /// </summary>
        private bool HandledWhole(IOperation reference, IOperation body, bool reporting, ref TreeSettings? settings) =>
            Sources.IsClassified(reference.Type)
            && (!Sources.OwnOfType(reference.Type).IsEmpty || MayBeHandledWhole(reference, body, reporting, settings ??= SettingsFor(body.Syntax.SyntaxTree)));

        /// <summary>
        /// True when what a call in the method the gate decides on returns reaches nothing the analysis could report, so
        /// whether it is personal data need not be asked (nor its callee summarized for it): an object that reaches
        /// personal data only through its navigations, only read member by member; or, for the gate of the analysis that
        /// reports, the result of a method of this compilation that holds no such object, used nowhere it may be handled
        /// whole (<see cref="MayBeHandledWhole"/>: <c>_rows = await Service.LoadAsync()</c> in a component that only
        /// renders the rows). Never for a callee's body looked at for its summary.
        /// </summary>
        private bool ResultReachesNothing(IInvocationOperation invocation, IOperation body, SummaryStack stack, bool reporting, ref TreeSettings? settings)
        {
            if (stack.Depth > 0)
            {
                // A callee looked at for its summary: what it calls may say what its arguments hold
                // (SaysWhatArgumentsHold), which only a summary computed for it finds out.
                return false;
            }

            var returned = invocation.TargetMethod.ReturnType;
            if (ReachesPersonalDataOnlyThroughNavigations(returned))
            {
                return !MayBeHandledWhole(invocation, body, reporting, settings ??= SettingsFor(body.Syntax.SyntaxTree));
            }

            return reporting && !Sources.IsClassified(returned) && Scalars.MayHoldPersonalData(returned)
                && !IsResultDiscarded(invocation) && IsOwnCode((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition)
                && !MayBeHandledWhole(invocation, body, reporting, settings ??= SettingsFor(body.Syntax.SyntaxTree));
        }

        /// <summary>
        /// True when a value given to the call (an argument, or the object it is called on) comes from a local, a
        /// parameter or a member of the method's own object that is used elsewhere in the body where it may be handled
        /// whole: what the callee's summary says that value holds (<see cref="SaysWhatArgumentsHold"/>) could then reach a
        /// finding. Constants and values read nowhere else need no summary.
        /// </summary>
        private bool ArgumentsMayBeHandledWhole(IInvocationOperation invocation, IOperation body, bool reporting, TreeSettings settings)
        {
            var search = new UseSearch(body, reporting, settings, invocation);
            foreach (var given in Given(invocation))
            {
                foreach (var operation in given.DescendantsAndSelf())
                {
                    if (operation is IInstanceReferenceOperation && !(operation.Parent is IMemberReferenceOperation) && !(reporting && operation == invocation.Instance))
                    {
                        // The object itself given: whatever it holds. (What a method of its own says of its members, the
                        // gate of the analysis that reports asks of every method of the type: ReadsIdentifiedMember.)
                        return true;
                    }

                    var holder = operation switch
                    {
                        ILocalReferenceOperation local => local.Local,
                        IParameterReferenceOperation parameter => parameter.Parameter,
                        IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } member => member.Member,
                        _ => (ISymbol?)null,
                    };
                    if (holder != null && search.Followed.Add(holder))
                    {
                        if (search.Followed.Count > MaxFollowed)
                        {
                            return true;
                        }

                        foreach (var use in body.Descendants())
                        {
                            if (IsReferenceTo(use, holder) && !IsWithin(use, invocation) && !(use.Parent is ISimpleAssignmentOperation assignment && assignment.Target == use))
                            {
                                search.Pending.Push(use);
                            }
                        }
                    }
                }
            }

            return Search(search);
        }

        /// <summary>The object a call is made on, if any, and its arguments' values.</summary>
        private static IEnumerable<IOperation> Given(IInvocationOperation invocation)
        {
            if (invocation.Instance != null)
            {
                yield return invocation.Instance;
            }

            foreach (var argument in invocation.Arguments)
            {
                yield return argument.Value;
            }
        }

        private static bool IsWithin(IOperation operation, IOperation ancestor)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// For a call whose result only has its members read (<see cref="MayBeHandledWhole"/>): what the callee returns
        /// reaches nothing, but what its summary says its arguments hold does (<see cref="SaysWhatArgumentsHold"/>). The
        /// callee is summarized here as any other call's is, so the answer does not depend on the order of the analyses.
        /// </summary>
        private bool SaysWhatArgumentsHoldOnceSummarized(IMethodSymbol target, SummaryStack stack)
        {
            ReturnsPersonalData(target, stack);
            return SaysWhatArgumentsHold(target);
        }

        /// <summary>
        /// True when a member read of the value carries only what that member holds, and that is not an object reaching
        /// personal data: the value's type declares its members (<see cref="PiiSources.DeclaresPersonalMembers"/>), or the
        /// member is a number, a flag, a date or an id of its own type (not a library container's type argument, which
        /// carries what went into the container). Whether the member is personal itself is the gate's other question.
        /// </summary>
        private bool IsReadOnItsOwn(IMemberReferenceOperation read, ITypeSymbol? holder) =>
            read.Type != null && !Sources.IsClassified(read.Type)
            && (Sources.DeclaresPersonalMembers(holder) || (!Scalars.MayHoldPersonalData(read.Type) && !TaintAnalysis.IsTypedByLibraryTypeParameter(read.Member)));

        /// <summary>
        /// Whether what a query or tracking call returns may still be the value handled whole: a result that reaches
        /// personal data is followed as the value (<c>true</c>, <paramref name="value"/> moved to it); a result that holds
        /// no text (a count, a flag) or is thrown away ends the use (<c>false</c>); any other result is handled whole, so
        /// it is followed no further and the caller's next step counts it (the value becomes its parent's default case).
        /// </summary>
        private bool MayBeCarriedOn(IInvocationOperation call, ref IOperation value)
        {
            if (Sources.IsClassified(call.Type) || (call.Type != null && Scalars.MayHoldPersonalData(call.Type) && !IsResultDiscarded(call)))
            {
                value = call;
                return true;
            }

            return false;
        }

        /// <summary>
        /// A library's call on the value itself (<c>projects.Where(...)</c>, <c>projects.Count()</c>, an extension method's
        /// receiver), or Entity Framework Core's context or set given it to track (<c>context.Remove(project)</c>): neither
        /// keeps it anywhere the gate does not see. Not a sink, nor a method with a body here or implemented here.
        /// </summary>
        private bool IsQueryOrTracking(IInvocationOperation call, IArgumentOperation? argument, TreeSettings settings)
        {
            var target = call.TargetMethod;
            if (HasBodyHere(target) || (Dispatches(target) && ImplementationsIndex(_cancellationToken).Of(target).Count > 0)
                || ClassifySink(call, settings).Kind != SinkKind.None || RequiresConsent(target))
            {
                return false;
            }

            if (argument == null || (target.IsExtensionMethod && argument.Parameter?.Ordinal == 0))
            {
                return true;
            }

            var holder = target.ContainingType;
            return holder != null && Names.RootNamespaceIs(holder.ContainingNamespace, "Microsoft")
                && Names.NamespaceIs(holder.ContainingNamespace, "Microsoft.EntityFrameworkCore")
                && (holder.Name == "DbContext" || holder.Name == "DbSet");
        }

        /// <summary>
        /// A pattern that tests the value and takes nothing out of it but itself: <c>null</c>, <c>not null</c>, <c>{ }</c>, a
        /// type, or a declaration of a local of a type the gate judges the same way (<c>is Project p</c>); not a pattern
        /// that reads members (<c>is { Owner: var owner }</c>).
        /// </summary>
        private bool TestsOnly(IPatternOperation pattern) =>
            pattern is IConstantPatternOperation || pattern is ITypePatternOperation
            || (pattern is INegatedPatternOperation { Pattern: var negated } && TestsOnly(negated))
            || (pattern is IDeclarationPatternOperation declaration && (declaration.DeclaredSymbol == null || Sources.IsClassified(declaration.MatchedType)))
            || (pattern is IRecursivePatternOperation { PropertySubpatterns.IsEmpty: true, DeconstructionSubpatterns.IsEmpty: true } empty
                && (empty.DeclaredSymbol == null || Sources.IsClassified(empty.MatchedType)));

        /// <summary>A <c>return</c> (or <c>yield return</c>) of the method itself, not of a lambda or a local function in it.</summary>
        private static bool IsMethodsOwn(IReturnOperation exit)
        {
            for (var parent = exit.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsNullLiteral(IOperation operand)
        {
            while (operand is IConversionOperation conversion)
            {
                operand = conversion.Operand;
            }

            return operand.ConstantValue is { HasValue: true, Value: null };
        }
    }
}
