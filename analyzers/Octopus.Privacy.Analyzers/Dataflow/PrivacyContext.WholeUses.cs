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

        /// <summary>
        /// True when a value of this type carries personal data only through navigations: its type (or its elements', or
        /// its task's result's) reaches a personal member through other objects' members (<c>Project.Owner.Email</c>)
        /// and declares none itself. Reading one of its members reads only that member
        /// (<see cref="PiiSources.DeclaresPersonalMembers"/>), so an object of it counts only where it may be handled whole.
        /// </summary>
        private bool ReachesPersonalDataOnlyThroughNavigations(ITypeSymbol? type) =>
            Sources.IsClassified(type) && Sources.OwnOfType(type).IsEmpty;

        /// <summary>
        /// True when a value (a reference to a local, a parameter or <c>this</c>, or a call's result) of a type that reaches
        /// personal data only through navigations may be handled whole where it is used: given to a method of this
        /// compilation or to a sink, returned, stored in a member, printed, or held by anything whose own uses the gate
        /// does not see. False when it is only read member by member: a member that is not itself such an object
        /// (<c>project.Title</c>, <c>project.OwnerId</c>: a personal member counts on its own, wherever it is read),
        /// compared with null or tested for a type, written to, discarded, or handed to a local or a loop variable of such
        /// a type (whose own references the gate judges the same way), directly or through a library's query over it
        /// (<c>context.Projects.Where(...).ToListAsync()</c>) or Entity Framework Core's tracking of it (<c>context.Remove(project)</c>).
        /// The dataflow gives such a use nothing personal: a member read of an object whose type declares its members is
        /// that member, and a test or a count is not a text. With <paramref name="reporting"/> (the gate of the analysis
        /// that reports, not a summary's), the method's own <c>return</c> of it is not handled whole either: what a method
        /// returns is reported, if anywhere, where its callers use it.
        /// </summary>
        private bool MayBeHandledWhole(IOperation value, bool reporting, TreeSettings settings)
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
                    case IReturnOperation exit when reporting:
                        return !IsMethodsOwn(exit);
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return !Sources.IsClassified(declarator.Symbol.Type);
                    case ISimpleAssignmentOperation assignment:
                        return assignment.Target != value
                            && !(assignment.Target is ILocalReferenceOperation { Local: var local } && Sources.IsClassified(local.Type));
                    case IForEachLoopOperation loop when loop.Collection == value:
                        return !(loop.LoopControlVariable is IVariableDeclaratorOperation variable && Sources.IsClassified(variable.Symbol.Type));
                    case IArgumentOperation { Parent: IInvocationOperation call } argument when IsQueryOrTracking(call, argument, settings):
                        if (!MayBeCarriedOn(call, ref value))
                        {
                            return false;
                        }

                        continue;
                    case IInvocationOperation call when call.Instance == value && IsQueryOrTracking(call, null, settings):
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
        /// True when the gate counts a reference to a local, a parameter or <c>this</c>: its type reaches personal data,
        /// and either declares personal members itself or may be handled whole here (<see cref="MayBeHandledWhole"/>).
        /// </summary>
        private bool HandledWhole(IOperation reference, bool reporting, ref TreeSettings? settings) =>
            Sources.IsClassified(reference.Type)
            && (!Sources.OwnOfType(reference.Type).IsEmpty || MayBeHandledWhole(reference, reporting, settings ??= SettingsFor(reference.Syntax.SyntaxTree)));

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
