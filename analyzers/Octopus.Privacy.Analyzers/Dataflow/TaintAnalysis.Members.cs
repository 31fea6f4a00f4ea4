using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>The transfer functions, members and holders: reading a member, assigning locals, members and parts, and what each part of a value carries.</summary>
    internal sealed partial class TaintAnalysis
    {
        private TaintSet Member(ISymbol member, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, ITypeSymbol? type, FlowState state, bool report)
        {
            var receiver = Evaluate(instance, state, report);
            var taint = _context.Sources.OfMember(member);
            if (!taint.IsEmpty
                && ((instance is ILocalReferenceOperation { Local: var built } && IsBuiltFromProgramText(instance, built, member))
                    || (instance is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation { Local: var collection } } element
                        && IsElementOfProgramText(element, collection, member))))
            {
                // user.Email of a seeder's new ApplicationUser { Email = "admin@example.local" }, or users[i].Email of a
                // list of such users: the program's text.
                taint = Taint.Clean;
            }

            if (member is IPropertySymbol property)
            {
                // CurrentUser.Email, computed from the principal's claims: what its getter returns of its own accord.
                taint = Taint.Union(taint, _context.ComputedBy(property, _stack, _cancellationToken));
            }

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
            if (instance != null && !_context.Sources.DeclaresPersonalMembers(instance.Type) && !IsSizeOrFlag(member, type) && !IsMetadata(member)
                && !(type != null && Scalars.IsScalar(type) && !IsTypedByLibraryTypeParameter(member)))
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
                    var read = ReadFrom(holder != null ? Taint.Union(state.Get(holder), _context.Sources.OfType(instance.Type)) : receiver, member, type);
                    taint = Taint.Union(taint, ThroughMember(read, member.Name));
                }
            }
            else if (instance != null && type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None, DeclaringSyntaxReferences.IsEmpty: true } valueType
                && InputsOf(receiver) != 0 && !_context.Sources.IsClassified(valueType) && !IsTypedByLibraryTypeParameter(member)
                && TextForms.SequenceElement(valueType) == null && instance.Type is INamedTypeSymbol holderType && _context.IsPlainData(holderType))
            {
                // message.OwnerAddress (a MailboxAddress) of a message that also holds its owner (a user): the type
                // declares personal members, so the member holds none of them, but in a summary a library's value object
                // in such a plain data object holds what the caller put in it, as any member of another input does. An
                // entity or a DTO of the application's there (a booking's service) is read by its own members instead.
                taint = Taint.Union(taint, ThroughMember(receiver.Where(IsWholeInput), member.Name));
            }

            // An indexer's arguments (dictionary[email]).
            foreach (var argument in arguments)
            {
                taint = Taint.Union(taint, Evaluate(argument.Value, state, report));
            }

            return OrIdentifiedMember(Taint.Union(taint, _context.Sources.OfType(type)), member, instance);
        }

        /// <summary>Per member of a local (keyed as the state keys it), whether it holds the program's own text; asked once per walk.</summary>
        private Dictionary<object, bool>? _builtFromProgramText;

        /// <summary><see cref="PrivacyContext.IsBuiltFromProgramText"/> in the method's own tree (not the graph's), once per local and member in this walk.</summary>
        private bool IsBuiltFromProgramText(IOperation use, ILocalSymbol local, ISymbol member)
        {
            var key = FlowKeys.Member(local, member);
            if (!(_builtFromProgramText ??= new Dictionary<object, bool>(FlowState.KeyComparer)).TryGetValue(key, out var built))
            {
                _builtFromProgramText[key] = built = PrivacyContext.IsBuiltFromProgramText(OriginalUse(local) ?? use, local, member);
            }

            return built;
        }

        /// <summary>Per local collection and member, whether its elements' member holds the program's own text; asked once per walk.</summary>
        private Dictionary<object, bool>? _elementsOfProgramText;

        /// <summary><see cref="PrivacyContext.IsElementOfProgramText"/> in the method's own tree (not the graph's), once per collection and member in this walk.</summary>
        private bool IsElementOfProgramText(IOperation element, ILocalSymbol collection, ISymbol member)
        {
            var key = FlowKeys.Member(collection, member);
            if (!(_elementsOfProgramText ??= new Dictionary<object, bool>(FlowState.KeyComparer)).TryGetValue(key, out var text))
            {
                _elementsOfProgramText[key] = text = PrivacyContext.IsElementOfProgramText(OriginalUse(collection) ?? element, collection, member);
            }

            return text;
        }

        /// <summary>
        /// The local, parameter, capture or <c>this</c> an operation is, if it is one. A capture of a local, a parameter
        /// or <c>this</c> is that object: in <c>message.Add(c ? a.Email : b.Email)</c> the graph captures
        /// <c>message</c> before the branches, and what the call stores goes to the local through the capture.
        /// </summary>
        private object? DirectHolder(IOperation? operation)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFlowCaptureReferenceOperation capture:
                    return Captured(capture) is IOperation captured && DirectHolder(captured) is object alias ? alias : capture.Id;
                case IInstanceReferenceOperation _:
                    return FlowKeys.This;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The argument a call gives back as it was given (<c>var saved = await repository.UpdateAsync(entity)</c>, whose
        /// every implementation ends <c>return entity;</c>), through calls that give back theirs in turn: the result is
        /// that object, member by member. Null for any other value.
        /// </summary>
        private IOperation? ReturnedArgumentOf(IOperation? operation)
        {
            IOperation? argument = null;
            for (var calls = 0; operation != null && calls <= SummaryStack.MaxDepth;)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        continue;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        continue;
                    case IInvocationOperation invocation when MayGiveBackAnArgument(invocation.TargetMethod)
                        && _context.Summary(invocation.TargetMethod, _stack, _cancellationToken)?.ReturnedArgument is int input:
                        operation = argument = ArgumentFor(invocation, input);
                        calls++;
                        continue;
                }

                break;
            }

            return argument == null ? null : operation;
        }

        /// <summary>
        /// Whether a method could give back one of its arguments: it returns (or its task yields) a type that may hold
        /// personal data and one of its parameters is of that type. Only then is its summary asked, so that a call the
        /// dataflow did not summarize (given nothing personal, returning a number) is not summarized for this.
        /// </summary>
        private static bool MayGiveBackAnArgument(IMethodSymbol method)
        {
            var returned = Names.Awaited(method.ReturnType);
            if (!Scalars.MayHoldPersonalData(returned))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(parameter.Type, returned))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Notes what a capture stands for when it is a place: a local, a parameter, <c>this</c>, or a member of one
        /// (the graph captures the target <c>message.To</c> of <c>message.To = c ? a : b</c>); nothing when the same
        /// capture holds different operations on different paths (the arms of <c>?:</c>).
        /// </summary>
        private void NoteCapture(CaptureId id, IOperation value)
        {
            var place = value is ILocalReferenceOperation || value is IParameterReferenceOperation || value is IInstanceReferenceOperation
                || (value is IMemberReferenceOperation member && (member is IPropertyReferenceOperation || member is IFieldReferenceOperation)) ? value : null;
            _captures ??= new Dictionary<object, IOperation?>();
            if (!_captures.TryGetValue(id, out var known))
            {
                _captures[id] = place;
            }
            else if (!ReferenceEquals(known, place))
            {
                _captures[id] = null;
            }
        }

        /// <summary>The place a capture stands for (see <see cref="NoteCapture"/>), if it is one.</summary>
        private IOperation? Captured(IFlowCaptureReferenceOperation capture) =>
            _captures != null && _captures.TryGetValue(capture.Id, out var place) ? place : null;

        /// <summary>
        /// The local, parameter, capture or <c>this</c> a member access or call receiver belongs to, if any. With
        /// <paramref name="stopAtDependency"/>, none when the path goes through a service the object was given
        /// (<c>_unitOfWork.UserRepository</c>, <c>_context.Users</c>): what a call stores there is that service's.
        /// </summary>
        private object? HolderOf(IOperation? operation, bool stopAtDependency = false)
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    return stopAtDependency && IsDependency(property) ? null : HolderOf(property.Instance, stopAtDependency);
                case IFieldReferenceOperation field:
                    return stopAtDependency && IsDependency(field) ? null : HolderOf(field.Instance, stopAtDependency);
                case IArrayElementReferenceOperation element:
                    return HolderOf(element.ArrayReference, stopAtDependency);
                case IConversionOperation conversion:
                    return HolderOf(conversion.Operand, stopAtDependency);
                case IInvocationOperation call when call.Instance != null && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ReturnType, call.Instance.Type):
                    return HolderOf(call.Instance, stopAtDependency);
                default:
                    return DirectHolder(operation);
            }
        }

        /// <summary>
        /// What a value stored in <paramref name="member"/> of an object of <paramref name="holderType"/> is, in the object
        /// as a whole: in a plain data class or struct of the application's that prints its type's name
        /// (<c>new UserRow { Email = u.Email, Role = role }</c>), held in that member, so that the rows grouped by their
        /// role, or a row's <c>Role</c> read where the rows went, do not carry the e-mail address beside it; as it is in
        /// anything else.
        /// </summary>
        private TaintSet HeldInMember(ITypeSymbol? holderType, ISymbol member, TaintSet value)
        {
            if (value.IsEmpty
                || !(holderType is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsRecord: false, IsAnonymousType: false } named)
                || !_context.IsPlainData(named)
                || _context.TextForms.Of(named).Form != TextForm.TypeName)
            {
                return value;
            }

            return value.Select(s => s.InMember(member.Name));
        }

        /// <summary>Adds to what one member of a holder carries (<c>_recipients.Add(email)</c>).</summary>
        private void AddToMember(object holder, ISymbol member, TaintSet value, FlowState state) =>
            SetMember(holder, member, Taint.Union(state.Get(FlowKeys.Member(holder, member)), value), value, state);

        /// <summary>
        /// What one member of a holder carries now (<paramref name="value"/>); what was <paramref name="added"/> is stored
        /// in the holder too (as <paramref name="held"/> there, when given), and in <c>this</c>'s summary when the holder
        /// is <c>this</c>.
        /// </summary>
        private void SetMember(object holder, ISymbol member, TaintSet value, TaintSet added, FlowState state, TaintSet? held = null)
        {
            state.Set(FlowKeys.Member(holder, member), value);
            var stored = FlowKeys.Stored(holder);
            state.Set(stored, Taint.Union(state.Get(stored), held ?? added));
            if (ReferenceEquals(holder, FlowKeys.This))
            {
                _storedInReceiver = Taint.Union(_storedInReceiver, added);
            }
            else
            {
                NoteStoredInInput(holder, member, added);
            }
        }

        private void AddToWhole(object holder, TaintSet value, FlowState state)
        {
            state.Set(holder, Taint.Union(state.Get(holder), value));
            if (holder is ILocalSymbol local && HoldsAnonymousElements(local.Type))
            {
                // rows.Add(new { extra.Id, Tier = extra.Email }): any element may now be the one added, and any of its
                // members may hold what it was built from.
                var beyond = FlowKeys.Member(holder, BeyondParts);
                state.Set(beyond, Taint.Union(state.Get(beyond), value));
            }

            if (ReferenceEquals(holder, FlowKeys.This))
            {
                _storedInReceiver = Taint.Union(_storedInReceiver, value);
            }
            else
            {
                NoteStoredInInput(holder, null, value);
            }
        }

        /// <summary>
        /// While a summary is computed: what the method stores of its other inputs in a parameter it was given, in the
        /// parameter's <paramref name="member"/> or (null) in the parameter as a whole (<see cref="InputStore"/>).
        /// </summary>
        private void NoteStoredInInput(object holder, ISymbol? member, TaintSet added)
        {
            if (_changes == null
                || !(holder is IParameterSymbol parameter)
                || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _changes.Method)
                || parameter.Ordinal + 1 >= 64)
            {
                return;
            }

            var target = parameter.Ordinal + 1;
            var inputs = InputsOf(added) & ~(1UL << target);
            if (inputs == 0)
            {
                return;
            }

            var stores = _storedInInputs ??= new List<InputStore>();
            for (var i = 0; i < stores.Count; i++)
            {
                if (stores[i].Target == target && SymbolEqualityComparer.Default.Equals(stores[i].Member, member))
                {
                    stores[i] = new InputStore(target, member, stores[i].Inputs | inputs);
                    return;
                }
            }

            stores.Add(new InputStore(target, member, inputs));
        }

        private void Assign(IOperation target, TaintSet value, IOperation? valueOperation, bool isCheckAnswer, FlowState state, bool report)
        {
            if (_changes != null)
            {
                NoteAssigned(target, valueOperation);
            }

            switch (target)
            {
                case ILocalReferenceOperation local:
                    SetWhole(local.Local, valueOperation, value, state);
                    state.SetCheckAnswer(local.Local, isCheckAnswer);
                    NoteRedactedLocal(local.Local, valueOperation);
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

                        if (_storesOf != null && (instance == null || instance is IInstanceReferenceOperation))
                        {
                            Store(_storesOf, member.OriginalDefinition, value);
                        }

                        if (DirectHolder(instance) is object direct)
                        {
                            // dto.Email = email: that member of dto carries it; dto.CreatedAt does not.
                            SetMember(direct, member, value, value, state, ReferenceEquals(direct, FlowKeys.This) ? value : HeldInMember(instance!.Type, member, value));
                        }
                        else if (HolderOf(instance) is object holder && !value.IsEmpty)
                        {
                            // Deeper paths (dto.Address.Street) are not tracked one by one: the holder carries it all.
                            AddToWhole(holder, value, state);
                        }

                        break;
                    }

                case IFlowCaptureReferenceOperation capture when Captured(capture) is IMemberReferenceOperation place:
                    // message.To = c ? a.Email : b.Email: the graph assigns through a capture of the member.
                    Assign(place, value, valueOperation, isCheckAnswer, state, report);
                    break;
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
        private void SetWhole(object key, IOperation? valueOperation, TaintSet value, FlowState state)
        {
            // Read before the key's own members are cleared: rows = rows.Where(...).ToList() keeps what rows held.
            var anonymousElements = (key is ILocalSymbol || key is CaptureId) && HoldsAnonymousElements(valueOperation?.Type);
            var elements = anonymousElements ? ElementPartsOf(valueOperation, state) : null;
            // Only where members are tracked does the object a call gives back differ from its whole.
            var source = DirectHolder(valueOperation) ?? (state.HasMembers ? DirectHolder(ReturnedArgumentOf(valueOperation)) : null);
            List<KeyValuePair<object, TaintSet>>? members = null;
            foreach (var pair in state.HasMembers ? state.Values : Enumerable.Empty<KeyValuePair<object, TaintSet>>())
            {
                if (FlowKeys.IsMemberOf(pair.Key, key, out _) || (source != null && FlowKeys.IsMemberOf(pair.Key, source, out _)))
                {
                    (members ??= new List<KeyValuePair<object, TaintSet>>()).Add(pair);
                }
            }

            var sourceWhole = source == null ? value : state.Get(source);
            var sourceStored = source == null || !state.HasMembers ? Taint.Clean : state.Get(FlowKeys.Stored(source));
            var sourceMembers = new List<(object, TaintSet)>();
            foreach (var pair in members ?? Enumerable.Empty<KeyValuePair<object, TaintSet>>())
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

            if (anonymousElements && (source == null || valueOperation is IInstanceReferenceOperation))
            {
                // var rows = users.Select(u => new { u.Id, u.Email }).ToList(): the sequence carries the whole, and what
                // each element's members carry beside it, for the element a loop or First() takes out. A sequence whose
                // elements are not known so (or not on every path) may hold the whole in any member of any element.
                if (elements != null)
                {
                    foreach (var part in elements)
                    {
                        state.Set(FlowKeys.Member(key, part.Key), part.Value);
                    }
                }
                else
                {
                    state.Set(FlowKeys.Member(key, BeyondParts), value);
                }
            }
        }

        /// <summary>
        /// The part of a local (or a capture) holding a sequence of anonymous objects that stands for what any member of
        /// any of its elements may carry beyond the members known one by one: what was added to it, or its whole where
        /// its elements are not known member by member.
        /// </summary>
        private static readonly object BeyondParts = new object();

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
                case IPropertyReferenceOperation { Property.Name: "Current" } current when current.Instance != null:
                    // foreach (var row in rows): the loop takes each element from the enumerator's Current.
                    return ElementPartsOf(current.Instance, state);
                case IInvocationOperation invocation when invocation.TargetMethod.MethodKind != MethodKind.LocalFunction:
                    // rows.First(), await query.SingleOrDefaultAsync(): one of the elements.
                    return ReturnedParts(invocation, state)
                        ?? (Scalars.Unwrap(invocation.TargetMethod.ReturnType).IsAnonymousType ? KeptElementParts(invocation, state) : null);
                default:
                    if (DirectHolder(value) is object holder)
                    {
                        Parts? parts = null;
                        foreach (var pair in state.HasMembers ? state.Values : Enumerable.Empty<KeyValuePair<object, TaintSet>>())
                        {
                            if (FlowKeys.IsMemberOf(pair.Key, holder, out var part))
                            {
                                (parts ??= new Parts())[part!] = pair.Value;
                            }
                        }

                        // What was assigned to the holder as a whole may be in any part, named here or not. A holder
                        // with nothing in it as a whole and nothing in any member (new Result { Error = "none" }) has
                        // every part clean: beside another return's parts, it adds nothing to any of them.
                        return state.Get(holder).IsEmpty ? parts ?? new Parts() : null;
                    }

                    return null;
            }
        }

        /// <summary>
        /// What each element of a sequence of anonymous objects carries, member by member: a projection
        /// (<c>Select(u =&gt; new { u.Id, u.Email })</c>) whose lambda returns such an object on every path, an operator
        /// that keeps its source's elements (<c>Where</c>, <c>ToList</c>), an enumerator of such a sequence, or a local or
        /// a capture holding one (each member with what may be in any member beside it, <see cref="BeyondParts"/>). Null
        /// for any other value: then only its whole is known.
        /// </summary>
        private Parts? ElementPartsOf(IOperation? value, FlowState state)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            switch (value)
            {
                case IAwaitOperation awaited:
                    return ElementPartsOf(awaited.Operation, state);
                case ITranslatedQueryOperation query:
                    // from u in users select new { u.Id, u.UserName }: the Select it stands for.
                    return ElementPartsOf(query.Operation, state);
                case IInvocationOperation { TargetMethod.Name: "GetEnumerator" } enumerator when enumerator.Instance != null:
                    return ElementPartsOf(enumerator.Instance, state);
                case IInvocationOperation { TargetMethod.Name: "Select" } select when PrivacyContext.IsLinq(select.TargetMethod) && select.Arguments.Length == 2:
                    return AnonymousFunction(select.Arguments[1].Value) is IFlowAnonymousFunctionOperation function
                        && _lambdaParts != null && _lambdaParts.TryGetValue(function, out var projected) && IsAnonymousMembers(projected, ElementTypeOf(select.TargetMethod.ReturnType))
                        ? projected
                        : null;
                case IInvocationOperation invocation:
                    // Where, OrderBy, ToList, ToListAsync, Include: some of the source's elements.
                    return KeptElementParts(invocation, state);
                default:
                    // A local or a capture: set only by SetWhole, which notes what is beyond its elements' members.
                    if (!(DirectHolder(value) is object holder) || !(holder is ILocalSymbol || holder is CaptureId)
                        || !(ElementTypeOf(value?.Type) is ITypeSymbol element) || !element.IsAnonymousType)
                    {
                        return null;
                    }

                    var beyond = state.Get(FlowKeys.Member(holder, BeyondParts));
                    var parts = new Parts();
                    foreach (var member in element.GetMembers())
                    {
                        if (member is IPropertySymbol property)
                        {
                            parts[property.OriginalDefinition] = Taint.Union(state.Get(FlowKeys.Member(holder, property)), beyond);
                        }
                    }

                    return parts;
            }
        }

        /// <summary>True when every part is a property of the anonymous type (the parts of each of its objects).</summary>
        private static bool IsAnonymousMembers(Parts? parts, ITypeSymbol? type)
        {
            if (parts == null || type == null || !type.IsAnonymousType)
            {
                return false;
            }

            foreach (var key in parts.Keys)
            {
                if (!(key is IPropertySymbol property) || !SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, type.OriginalDefinition))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A sequence, an enumerator or a task of one whose elements are anonymous objects. Asked at every assignment of a
        /// local or a capture: a type with no anonymous type argument (nor one of its containing type's, as an
        /// enumerator nested in its collection has) is answered without looking at its interfaces.
        /// </summary>
        private static bool HoldsAnonymousElements(ITypeSymbol? type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType.IsAnonymousType;
            }

            for (var named = type as INamedTypeSymbol; named != null; named = named.ContainingType)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (argument.IsAnonymousType || (argument is INamedTypeSymbol { IsGenericType: true } && Names.IsTaskType(named)))
                    {
                        return ElementTypeOf(type) is { IsAnonymousType: true };
                    }
                }
            }

            return false;
        }

        /// <summary>The type of a sequence's elements, or of what an enumerator's <c>Current</c> gives.</summary>
        private static ITypeSymbol? ElementTypeOf(ITypeSymbol? type)
        {
            if (TextForms.SequenceElement(type) is ITypeSymbol element)
            {
                return element;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } task && Names.IsTaskType(task))
            {
                // await ToListAsync(): the task's result.
                return ElementTypeOf(task.TypeArguments[0]);
            }

            foreach (var member in type?.GetMembers("Current") ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IPropertySymbol { IsStatic: false } current)
                {
                    return current.Type;
                }
            }

            return null;
        }

        /// <summary>
        /// The element parts of what a call that keeps its source's elements returns (<see cref="KeepsElements"/>: a
        /// filter, an ordering, a query option, one of the elements): the source's, with what its other arguments carry
        /// in every member (<c>Concat(others)</c>, <c>DefaultIfEmpty(fallback)</c>). Null for a method declared in source
        /// (its body may make elements of its own) and for a call whose lambda or method group yields elements itself
        /// (<c>Aggregate((a, b) =&gt; b)</c>).
        /// </summary>
        private Parts? KeptElementParts(IInvocationOperation invocation, FlowState state)
        {
            var source = SequenceSource(invocation);
            if (!invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty || !KeepsElements(invocation) || !(ElementPartsOf(source, state) is Parts parts) || !(ElementTypeOf(source!.Type) is ITypeSymbol element))
            {
                return null;
            }

            var added = Taint.Clean;
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value;
                if (ReferenceEquals(value, source))
                {
                    continue;
                }

                var yields = AnonymousFunction(value)?.Symbol.ReturnType ?? MethodGroup(value)?.Method.ReturnType;
                if (yields != null)
                {
                    if (SymbolEqualityComparer.Default.Equals(Scalars.Unwrap(yields), element))
                    {
                        return null;
                    }

                    // A predicate or a key: it picks or orders the elements, it does not make them.
                    continue;
                }

                added = Taint.Union(added, Evaluate(value, state, report: false));
            }

            if (added.IsEmpty)
            {
                return parts;
            }

            var widened = new Parts();
            foreach (var part in parts)
            {
                widened[part.Key] = Taint.Union(part.Value, added);
            }

            return widened;
        }

        /// <summary>The properties a positional record's primary constructor sets, by parameter; null for other creations.</summary>
        private static IPropertySymbol?[]? RecordProperties(IObjectCreationOperation creation)
        {
            if (creation.Constructor is not IMethodSymbol constructor || creation.Type is not INamedTypeSymbol { IsRecord: true } record
                || !constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax))
            {
                return null;
            }

            return constructor.Parameters.Select(p => PropertyNamed(record, p.Name)).ToArray();
        }

        /// <summary>
        /// The properties a positional record's own <c>Deconstruct</c> of <paramref name="count"/> elements hands out, by
        /// position; null for a tuple or any other type.
        /// </summary>
        private static IPropertySymbol?[]? PositionalProperties(ITypeSymbol? type, int count)
        {
            if (!(type is INamedTypeSymbol { IsRecord: true } record))
            {
                return null;
            }

            foreach (var candidate in record.GetMembers("Deconstruct"))
            {
                if (candidate is IMethodSymbol { IsImplicitlyDeclared: true, IsStatic: false } deconstruct && deconstruct.Parameters.Length == count)
                {
                    return deconstruct.Parameters.Select(p => PropertyNamed(record, p.Name)).ToArray();
                }
            }

            return null;
        }

        /// <summary>The property of that name a record declares or inherits (a parameter passed on to a base record's).</summary>
        private static IPropertySymbol? PropertyNamed(INamedTypeSymbol record, string name)
        {
            for (var type = record; type != null; type = type.BaseType)
            {
                if (type.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault() is IPropertySymbol property)
                {
                    return property;
                }
            }

            return null;
        }

        /// <summary>A summarized method's result, part by part, with its inputs replaced by the call's arguments.</summary>
        private Parts? ReturnedParts(IInvocationOperation invocation, FlowState state)
        {
            var summary = _context.Summary(invocation.TargetMethod, _stack, _cancellationToken);
            if (summary?.ReturnParts == null)
            {
                return null;
            }

            var inputs = new Dictionary<int, (TaintSet Taint, ITypeSymbol? Type)>();
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

                    // Status = entity.LastUpdatedBy: that member of the argument, where the argument tells its members apart.
                    taint = Taint.Union(taint, HoldsMembersApart(input.Taint) ? ReadStandIn(source, input.Type, input.Taint) : input.Taint);
                }

                parts[part.Key] = taint;
            }

            return parts;
        }

        /// <summary>What the call's argument (or receiver) for an input carries, and its type.</summary>
        private (TaintSet Taint, ITypeSymbol? Type) InputTaint(IInvocationOperation invocation, int input, FlowState state)
        {
            if (input == 0)
            {
                return invocation.Instance == null ? (Taint.Clean, null) : (Evaluate(invocation.Instance, state, report: false), StaticType(invocation.Instance));
            }

            for (var i = 0; i < invocation.Arguments.Length; i++)
            {
                if (InputOf(invocation.Arguments[i], i) == input)
                {
                    return (Evaluate(invocation.Arguments[i].Value, state, report: false), StaticType(invocation.Arguments[i].Value));
                }
            }

            return (Taint.Clean, null);
        }

        private void Deconstruct(IOperation target, IOperation valueOperation, TaintSet value, FlowState state, bool report)
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
                var positional = literal == null ? PositionalProperties(valueOperation.Type, targets.Elements.Length) : null;
                var fields = literal == null && valueOperation.Type is INamedTypeSymbol { IsTupleType: true } tupleType && tupleType.TupleElements.Length == targets.Elements.Length
                    ? tupleType.TupleElements
                    : default;
                for (var i = 0; i < targets.Elements.Length; i++)
                {
                    // (a, b) = (email, id), or var (subject, claims) = await Validate(...): element by element when
                    // what each element carries is known; var (user, roles) = result.Value of a positional record: each
                    // element is a read of the property it deconstructs to; var (user, succeeded, code) = a tuple from a
                    // call with no body here: each element a read of its field (the text `code` is not the user's
                    // address); else the whole value.
                    var element = literal != null ? Evaluate(literal.Elements[i], state, report: false)
                        : parts != null && parts.TryGetValue(i, out var known) ? known
                        : positional?[i] is IPropertySymbol property
                            ? parts != null && parts.TryGetValue(property.OriginalDefinition, out var member) ? member
                                : Member(property, valueOperation, ImmutableArray<IArgumentOperation>.Empty, property.Type, state, report: false)
                        : !fields.IsDefault ? ReadFrom(value, fields[i], fields[i].Type)
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
        private static TaintSet ReadFrom(TaintSet whole, ISymbol member, ITypeSymbol? type)
        {
            if (whole.IsEmpty || type == null || !HoldsValues(type))
            {
                // A member that holds objects (or a collection of them) may hold anything the object holds.
                return whole;
            }

            return ReadValue(whole, member.Name);
        }

        /// <summary>True for a text or scalar type, or a sequence of them: what it holds are values, not objects.</summary>
        private static bool HoldsValues(ITypeSymbol type)
        {
            var values = TextForms.SequenceElement(type) ?? type;
            return values.SpecialType == SpecialType.System_String || Scalars.IsScalar(values);
        }

        /// <summary>
        /// What a text or scalar member named <paramref name="member"/> of a value that carries <paramref name="whole"/>
        /// carries: the values stored in the value, and of the personal members it holds in objects, the one the member
        /// is named like (<c>OwnerEmail</c> reads <c>IdentityUser.Email</c>).
        /// </summary>
        private static TaintSet ReadValue(TaintSet whole, string member)
        {
            TaintSet? read = null;
            foreach (var source in whole)
            {
                if (source.InObject && read == null)
                {
                    // The sources before the first one held in an object are values, and kept.
                    read = whole.Where(s => !s.InObject);
                }

                if (source.InObject && member.EndsWith(source.Name, System.StringComparison.OrdinalIgnoreCase))
                {
                    read = read!.Add(source.Value);
                }
            }

            return read ?? whole;
        }

        /// <summary>
        /// In a summary, a text member read from an input (<c>request.UserInput</c>): the input's stand-in becomes the
        /// stand-in of that member of it, so that a caller counts what that member of its argument carries, not all the
        /// argument holds (a request that also carries a thread and its user). A stand-in already of a member, or of an
        /// input's text, stays.
        /// </summary>
        private static TaintSet ThroughMember(TaintSet read, string member)
        {
            foreach (var source in read)
            {
                if (IsWholeInput(source))
                {
                    return read.Select(s => IsWholeInput(s) ? TaintSource.ForMemberOfInput(s.Input, member) ?? s : s);
                }
            }

            return read;
        }

        private static bool IsWholeInput(TaintSource source) => source.IsInput && !source.IsText && source.ThroughMember == null;

        /// <summary>
        /// What a callee that sends an input only through some of its members (<see cref="SinkEffect.Members"/>) sends of
        /// an argument of <paramref name="type"/>: what those members of the argument carry (<see cref="ReadMember"/>).
        /// Nothing of a member a class or struct does not have (a generic service's hook whose override for another entity
        /// logs that entity's <c>Subject</c>); all the argument carries when its type does not say what the value has (an
        /// interface, <c>object</c>, a type parameter) or holds the values read (a list whose elements the callee reads).
        /// </summary>
        private TaintSet ReadThrough(TaintSet argument, ITypeSymbol? type, ImmutableArray<string> members)
        {
            var read = Taint.Clean;
            foreach (var name in members)
            {
                if (type is INamedTypeSymbol named && MemberNamed(named, name) is ISymbol member)
                {
                    read = Taint.Union(read, ThroughMember(ReadMemberOf(argument, named, member), name));
                }
                else if (!(type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } plain)
                    || TextForms.SequenceElement(plain) != null || Names.IsTaskType(plain))
                {
                    // A list of requests whose elements the callee reads one by one, a task of one: the members are
                    // the elements', whatever the container has.
                    read = Taint.Union(read, ThroughMember(argument, name));
                }
            }

            return read;
        }

        /// <summary>
        /// What a member of a value of <paramref name="type"/> that carries <paramref name="whole"/> holds
        /// (<see cref="ReadMember"/>). On a type that declares personal members, an object member (a booking's service,
        /// a message's MailboxAddress) holds what its own type and declaration say and what was put in the value beyond
        /// what the type declares, not what the type declares of its other members (the booking's client).
        /// </summary>
        private TaintSet ReadMemberOf(TaintSet whole, INamedTypeSymbol type, ISymbol member)
        {
            if (!(TypeOf(member) is ITypeSymbol memberType) || HoldsValues(memberType) || !_context.Sources.DeclaresPersonalMembers(type))
            {
                return ReadMember(whole, member);
            }

            return Taint.Union(ReadMember(whole.Except(_context.Sources.OfType(type)), member), Taint.Union(_context.Sources.OfMember(member), _context.Sources.OfType(memberType)));
        }

        /// <summary>
        /// What a member of a value that carries <paramref name="whole"/> holds: a text or scalar member as
        /// <see cref="ReadFrom"/> reads it; an object member what a value of its type can hold of it
        /// (<see cref="PrivacyContext.Holdable"/>: a list of questions holds no user's name unless its element has a member for one).
        /// </summary>
        private TaintSet ReadMember(TaintSet whole, ISymbol member)
        {
            // ReadFrom answers the whole for an object member (and for a text member of a value that holds no object);
            // what the member's type can hold is then what is read (text and scalars hold whatever flowed into them).
            var type = TypeOf(member);
            var read = ReadFrom(whole, member, type);
            return ReferenceEquals(read, whole) && type != null ? _context.Holdable(type, read) : read;
        }

        /// <summary>The field or property of that name of <paramref name="type"/> or its base types, or null.</summary>
        private static ISymbol? MemberNamed(INamedTypeSymbol type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol || member is IFieldSymbol)
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        private static ITypeSymbol? TypeOf(ISymbol member) => member is IPropertySymbol property ? property.Type : (member as IFieldSymbol)?.Type;

        /// <summary>A member of a library's generic type whose declared type is one of that type's type parameters (<c>IGrouping.Key</c>).</summary>
        private static bool IsTypedByLibraryTypeParameter(ISymbol member)
        {
            return TypeOf(member.OriginalDefinition) is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type }
                && member.ContainingType is INamedTypeSymbol { IsGenericType: true } container
                && !container.Locations.Any(l => l.IsInSource);
        }

        /// <summary>Adds <paramref name="value"/> to what is stored in <paramref name="member"/>.</summary>
        private static void Store(Dictionary<ISymbol, TaintSet> stores, ISymbol member, TaintSet value)
        {
            stores[member] = stores.TryGetValue(member, out var known) ? Taint.Union(known, value) : value;
        }
    }
}
