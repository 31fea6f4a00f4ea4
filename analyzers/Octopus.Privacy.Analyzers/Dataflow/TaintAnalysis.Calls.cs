using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>The transfer functions, calls: of methods with summaries, of library methods, of lambdas and local functions, and object creation.</summary>
    internal sealed partial class TaintAnalysis
    {
        /// <summary>
        /// Runs a lambda's body from the state where it is created (with what it captured) and returns what it returns.
        /// Sinks inside it are reported when this is the reporting walk.
        /// </summary>
        private TaintSet LambdaReturn(IFlowAnonymousFunctionOperation function, FlowState state, bool report, TaintSet elements)
        {
            var graph = _graph.GetAnonymousFunctionControlFlowGraph(function, _cancellationToken);
            var entry = state.Copy();
            foreach (var parameter in function.Symbol.Parameters)
            {
                entry.Set(parameter, Taint.Union(_context.Sources.OfMember(parameter), elements));
            }

            // The passes to the fixed point evaluate a lambda again each time its block changes; from the same state it
            // returns the same, so only the walk that reports (and one that collects stores) runs it again.
            if (!report && _storesOf == null && _lambdaResults != null && _lambdaResults.TryGetValue(function, out var known) && known.Entry.SameAs(entry))
            {
                (_lambdaParts ??= new Dictionary<IFlowAnonymousFunctionOperation, Parts?>())[function] = known.Parts;
                return known.Returned;
            }

            var inner = new TaintAnalysis(_context, graph, entry, report ? _findings : null, _stack, _cancellationToken, _identified) { _readsStored = _readsStored, _storesOf = _storesOf, _collectParts = true, _changes = _changes, _receiver = _receiver };
            inner.Run();
            var parts = inner._returnedWholes ? null : inner._returnedParts;
            (_lambdaParts ??= new Dictionary<IFlowAnonymousFunctionOperation, Parts?>())[function] = parts;
            if (!report && _storesOf == null)
            {
                (_lambdaResults ??= new Dictionary<IFlowAnonymousFunctionOperation, (FlowState, TaintSet, Parts?)>())[function] = (entry, inner._returned, parts);
            }

            return inner._returned;
        }

        /// <summary>A call of a local function: its body runs with the caller's state (captures) and the arguments.</summary>
        private TaintSet LocalFunctionCall(IInvocationOperation invocation, FlowState state, bool report)
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
                var inner = new TaintAnalysis(_context, graph, entry, report ? _findings : null, _stack, _cancellationToken, _identified) { _readsStored = _readsStored, _storesOf = _storesOf, _changes = _changes, _receiver = _receiver };
                inner.Run();
                return Taint.Union(inner._returned, _context.Sources.OfType(method.ReturnType));
            }
            finally
            {
                _stack.Exit(method);
            }
        }

        /// <summary>What a finding of this analysis counts of a value: its own data, and its inputs' stand-ins when summarizing.</summary>
        private TaintSet OwnOrInputs(TaintSet taint) => _summarizing ? taint : Taint.WithoutInputs(taint);

        private TaintSet Creation(IObjectCreationOperation creation, FlowState state, bool report)
        {
            var constructor = creation.Constructor;
            var argumentTaints = new TaintSet[creation.Arguments.Length];
            var arguments = Taint.Clean;
            for (var i = 0; i < creation.Arguments.Length; i++)
            {
                argumentTaints[i] = WithIdentifiedMembers(creation.Arguments[i].Value, Evaluate(creation.Arguments[i].Value, state, report));
                arguments = Taint.Union(arguments, argumentTaints[i]);
            }

            Evaluate(creation.Initializer, state, report);

            // Given nothing personal, a constructor can store, send and return nothing personal: its body is not needed.
            var summary = constructor == null || arguments.IsEmpty ? null : _context.Summary(constructor, _stack, _cancellationToken);
            if (_changes != null && constructor != null && constructor.Locations.Any(l => l.IsInSource))
            {
                // A library's constructor keeps or copies what it is given; one of this compilation's may change it.
                NoteCall(null, constructor, creation.Arguments, summary);
            }
            if (report && _findings != null && constructor != null)
            {
                if (summary != null)
                {
                    ReportCalleeSinks(creation, constructor, summary, Taint.Clean, creation.Arguments, argumentTaints, state);
                }

                // Summarizing, an input in the message is what the callers' values are put in (ValidateEmailFormat(email)
                // throwing new InvalidEmailFormatException(email)), reported at the calls that give it personal data.
                if (!OwnOrInputs(arguments).IsEmpty && _settings.ReportExceptions && _context.IsException(creation.Type)
                    && OwnOrInputs(ExceptionMessage(constructor, creation.Arguments, argumentTaints) ?? arguments) is { IsEmpty: false } message)
                {
                    _findings.Add(new FlowFinding(creation, "new " + creation.Type!.Name, SinkKind.Log, "a log", message, GuardedFor(state, message, "internal"), requiresConsent: false, isException: true)
                    {
                        PolicyRecipient = "internal",
                        Channel = SinkChannel.Log,
                        Checked = state.Guarded,
                        Purposes = CheckedPurposes(state),
                    });
                }
            }

            var result = _context.Sources.OfType(creation.Type);
            if (summary == null || IsPrimaryConstructor(constructor!))
            {
                // A primary constructor's parameters live in the object (a record's properties, a class's captured
                // parameters and member initializers), whatever the base constructor it calls keeps of them.
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

        /// <summary>
        /// What an exception carries in its message when its constructors are declared here: what they pass on, through
        /// <c>: this(...)</c> and <c>: base(...)</c>, to the first constructor that is not, each parameter standing for
        /// what the creation gave it (a user handed to <c>NotMemberException(user)</c> whose message holds
        /// <c>user.UserName</c> leaks the user name, not the address). Null when that cannot be read (a constructor
        /// elsewhere, a type that writes its own text): then every argument counts.
        /// </summary>
        private TaintSet? ExceptionMessage(IMethodSymbol constructor, ImmutableArray<IArgumentOperation> arguments, TaintSet[] taints)
        {
            if (_context.WritesOwnText(constructor.ContainingType))
            {
                return null;
            }

            for (var depth = 0; depth < 8; depth++)
            {
                if (!_context.DeclaredHere(constructor))
                {
                    // The first constructor declared elsewhere (a library's, another project's): what it was given is
                    // its message.
                    if (depth == 0)
                    {
                        return null;
                    }

                    var message = Taint.Clean;
                    foreach (var taint in taints)
                    {
                        message = Taint.Union(message, taint);
                    }

                    return message;
                }

                if (!_context.TryGetChainedCall(constructor.OriginalDefinition, out var call))
                {
                    return null;
                }

                if (call == null)
                {
                    // base(): the base type's own message.
                    return Taint.Clean;
                }

                var state = FlowState.Initial(guarded: false);
                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter is IParameterSymbol parameter)
                    {
                        state.Set(parameter.OriginalDefinition, taints[i]);
                    }
                }

                var next = new TaintSet[call.Arguments.Length];
                for (var i = 0; i < next.Length; i++)
                {
                    next[i] = Evaluate(call.Arguments[i].Value, state, report: false);
                }

                constructor = call.TargetMethod;
                arguments = call.Arguments;
                taints = next;
            }

            return null;
        }

        /// <summary>A record's or a class's primary constructor, declared by the type's own declaration.</summary>
        private bool IsPrimaryConstructor(IMethodSymbol constructor) =>
            constructor.DeclaringSyntaxReferences.Length == 1
            && constructor.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax;

        private TaintSet Invocation(IInvocationOperation invocation, FlowState state, bool report)
        {
            var method = invocation.TargetMethod;
            if (report && _callsOf != null && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, _callsOf))
            {
                // The consent checks in force where a private method is called (see CallerGuards).
                _statesAtCalls!.Add(state.Copy());
            }

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
            // string.Join(", ", result.Errors): each element written as its text (an IdentityError prints its type's name).
            var joinsText = method.ContainingType?.SpecialType == SpecialType.System_String && (method.Name == "Join" || method.Name == "Concat");
            var argumentTaints = new TaintSet[invocation.Arguments.Length];
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
                        (_groupKeys ??= new Dictionary<IOperation, TaintSet>())[invocation] = argumentTaints[i];
                    }
                }
                else if (isLinq && i > 0 && MethodGroup(value) is IMethodReferenceOperation reference)
                {
                    // Select(Normalize), Where(IsActive): the method is called on each element; unless it returns a test
                    // or a number of them, or sanitizes them, what it returns is taken to be what it was given.
                    var target = reference.Method;
                    var source = invocation.Arguments[0].Value;
                    argumentTaints[i] = IsPredicateOrSize(target) || Scalars.IsScalar(target.ReturnType) || _context.IsSanitizer(target)
                        ? _context.Sources.OfMember(target)
                        : Taint.Union(_context.Sources.OfMember(target), argumentTaints[0].Except(_context.Sources.OfType(source.Type)));
                    lambdas = Taint.Union(lambdas, argumentTaints[i]);
                }
                else
                {
                    argumentTaints[i] = WithIdentifiedMembers(value, Evaluate(value, state, report));
                    if (joinsText && StaticType(value) is ITypeSymbol sequence && TextForms.SequenceElement(sequence) != null)
                    {
                        argumentTaints[i] = _context.Formatted(sequence, argumentTaints[i], _stack);
                    }

                    if (AnonymousFunction(value) != null)
                    {
                        lambdas = Taint.Union(lambdas, argumentTaints[i]);
                    }
                }

                arguments = Taint.Union(arguments, argumentTaints[i]);
            }

            // Given nothing personal and returning nothing that could be (void, a task, a number, a flag), a callee can
            // store, send and return nothing personal: its body is not needed; nor when what it returns is thrown away
            // (app.MapIdentityApi(); what it sends of its own accord is reported in it). A call that does not dispatch
            // (base.OnInitializedAsync()) runs that method's own body: when it is not in this compilation, the
            // overrides here say nothing about it; nor do they for a call on Identity's NoOpEmailSender.
            var baseCall = IsBaseCall(invocation);
            var givenNothing = receiver.IsEmpty && arguments.IsEmpty && (!Scalars.MayHoldPersonalData(method.ReturnType) || PrivacyContext.IsResultDiscarded(invocation));
            var summary = givenNothing
                || (baseCall && !_context.HasBodyHere(method))
                || _context.CallsNoOpSender(invocation)
                ? null
                : baseCall ? _context.OwnSummary(method, _receiver, _stack, _cancellationToken)
                : _context.Summary(method, ReceiverType(invocation), _stack, _cancellationToken);
            // A mediator's Send or Publish: what the handlers of the message's type do with it.
            IMethodSymbol? handler = null;
            var dispatched = summary == null && !arguments.IsEmpty ? _context.DispatchSummary(invocation, _stack, out handler) : null;
            if (_changes != null)
            {
                NoteCall(invocation.Instance, method, invocation.Arguments, summary ?? dispatched);
            }

            var sink = _context.ClassifySink(invocation, _settings);
            var isSink = sink.Kind != SinkKind.None;
            if (report && _findings != null)
            {
                CheckSink(invocation, sink, receiver, argumentTaints, state);
                if ((summary ?? dispatched) is MethodSummary callee)
                {
                    // A handler's own object is not the mediator the message was handed to.
                    ReportCalleeSinks(invocation, handler ?? method, callee, summary != null ? receiver : Taint.Clean, invocation.Arguments, argumentTaints, state);
                }
            }

            Store(invocation, method, summary, isSink, argumentTaints, state);
            if (summary != null && !isSink && !summary.StoredInInputs.IsEmpty)
            {
                StoreInArguments(invocation, summary, receiver, argumentTaints, state);
            }
            // Such a callee handed text or a form may still say what the text or a member of the form is
            // (EmailExistsAsync(request.Email), a query comparing it with the users' addresses; ResetPasswordAsync(dto),
            // which finds the user by dto.Email): its summary is read here for that alone. The text is then personal throughout this
            // method, so the passes that follow summarize the call as any other given personal data.
            var identifying = givenNothing && !baseCall && _context.MayIdentifyArguments(invocation) ? _context.Summary(method, ReceiverType(invocation), _stack, _cancellationToken) : summary;
            if (identifying != null && !identifying.Identified.IsEmpty)
            {
                IdentifyArguments(invocation.Arguments, identifying.Identified);
            }

            if (_storesOf != null && argumentTaints.Length > 0 && Channels.ElementWritten(method) is ITypeSymbol written)
            {
                // _emails.Writer.WriteAsync(message): what a reader of the channel elsewhere receives.
                Store(_storesOf, written, argumentTaints[0]);
            }

            if (_context.IsConsentCheck(method, _settings))
            {
                if (method.ReturnsVoid || (Names.IsTaskType(method.ReturnType) && !((INamedTypeSymbol)method.ReturnType).IsGenericType))
                {
                    state.Guard(PurposeOf(invocation));
                }

                return Taint.Clean;
            }

            if (method.ReturnsVoid || _context.IsSanitizer(method))
            {
                if (_context.DataMap && !method.ReturnsVoid && Taint.WithoutInputs(Taint.Union(receiver, arguments)) is { IsEmpty: false } redacted)
                {
                    // For the data map: what this call redacts, for the sink its result reaches.
                    (_sanitized ??= new Dictionary<IOperation, TaintSet>())[invocation] = redacted;
                }

                return Taint.Clean;
            }

            var result = Taint.Union(_context.Sources.OfMember(method), Taint.Union(_context.Sources.OfCall(invocation), _context.OfClaimReader(invocation)));
            if (_readsStored && Channels.ElementRead(method) is ITypeSymbol read)
            {
                // await foreach (var message in _emails.Reader.ReadAllAsync()): what the writers of the channel wrote.
                result = Taint.Union(result, _context.WrittenTo(read));
            }

            if (PiiSources.IsWellKnown(method))
            {
                // UserManager<T>: what each call returns is known (GetEmailAsync an e-mail, GetUserIdAsync the key).
                return Taint.Union(Taint.Union(result, _context.Sources.OfType(method.ReturnType)), ValidationErrors(invocation, argumentTaints, state));
            }

            if (PiiSources.IsHasherByName(method))
            {
                // _passwords.Hash(password), the application's own hasher here or in another project: the hash, not the
                // password, as BCrypt's is, whatever its body computes it from.
            }
            else if ((summary ?? dispatched) is MethodSummary called)
            {
                result = Taint.Union(result, called.Returns);

                // A number, a date or a flag the callee computes from an object it is given (a repository's CountAsync(),
                // whose repository holds the database context it was made with) is not that object; what it computes
                // from text it is given may still be that text (a parsed phone number).
                var number = Scalars.IsScalar(method.ReturnType);
                if (summary != null && summary.Returned(0) && !(number && invocation.Instance != null && IsObjectType(StaticType(invocation.Instance))))
                {
                    result = Taint.Union(result, invocation.Instance != null ? ReturnedOf(summary, 0, StaticType(invocation.Instance), PassedToCall(invocation.Instance, receiver)) : receiver);
                }

                for (var i = 0; i < invocation.Arguments.Length; i++)
                {
                    if (InputOf(invocation.Arguments[i], i) is int input && called.Returned(input) && !(number && IsObjectType(StaticType(invocation.Arguments[i].Value))))
                    {
                        result = Taint.Union(result, ReturnedOf(called, input, StaticType(invocation.Arguments[i].Value), PassedToCall(invocation.Arguments[i].Value, argumentTaints[i])));
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
                result = Taint.Union(result, AsTextOfInput(invocation.Instance, _context.Text(StaticType(invocation.Instance), receiver, _stack)));
            }
            else if (Mediators.IsDispatch(method))
            {
                // A mediator's response to a message no handler here receives is made by a handler elsewhere: what its
                // type declares, not the message it was sent (a command that carries the user answers with the slug of
                // the article it saved).
            }
            else if (MakesPurposeToken(method))
            {
                // An application's wrapper of Identity's UserManager, implemented in another project
                // (_users.GenerateEmailConfirmationTokenAsync(user), GetEmailVerificationTokenAsync(userName)): the token it
                // makes for a user is not the user's data.
            }
            else if (sink.Kind == SinkKind.Share && !_context.HasBodyHere(method))
            {
                // await http.PostAsJsonAsync(url, new { user.Email }): the response is what the other party answers, not
                // what it was sent; what it sends back is not known to carry the user's data.
            }
            else if (isLinq && (method.Name == "Except" || method.Name == "ExceptBy") && invocation.Arguments.Length > 0)
            {
                // previous.Except(next): the elements of the first sequence that the second does not hold, nothing of the
                // second (nor of what ExceptBy's key selector reads).
                result = Taint.Union(result, argumentTaints[0]);
            }
            else if (!IsPredicateOrSize(method))
            {
                // Where, OrderBy, FirstOrDefaultAsync, EF Core's Include(s => s.Library): an operator that keeps the
                // elements of its source returns those elements, not what its lambdas read.
                var operands = !lambdas.IsEmpty && KeepsElements(invocation) ? OperandsWithoutLambdas(invocation, argumentTaints) : arguments;

                // A method the object inherits from a library, called on itself, answers from what it is given: a Razor
                // page's InvalidTagHelperIndexerAssignment("asp-route-id", ...) is the framework's text, whatever the
                // page's ViewData holds. A collection or a text buffer answers from what it keeps.
                var answers = invocation.Instance != null && IsInheritedFromLibrary(invocation.Instance, method) ? Taint.Clean : receiver;
                result = Taint.Union(result, Taint.Union(answers, operands));
                if (!result.IsEmpty && PiiSources.HasAllClaims(result))
                {
                    result = PickedClaims(invocation, result);
                }

                if (!result.IsEmpty && ReturnsText(method))
                {
                    // RenderViewToStringAsync(view, order), Format(invoice): text made from whole objects by code the
                    // analysis cannot see writes what those objects hold themselves, not everything reachable from them.
                    result = WithOwnMembersOnly(invocation, answers, argumentTaints, result);
                }
                else if (!result.IsEmpty && Scalars.IsScalar(method.ReturnType))
                {
                    // MaxAsync(p => p.Volume), Sum, Parse: a number, date or flag computed from objects is not those
                    // objects: what their types hold stays with them; what flowed into the values (a parsed phone
                    // number) stays in the result.
                    result = WithoutObjectTypes(invocation, answers, argumentTaints, result);
                }
            }

            return Taint.Union(result, _context.Sources.OfType(method.ReturnType));
        }

        /// <summary>
        /// User.Claims.FirstOrDefault(c =&gt; c.Type == "sub"): a filter over all of a user's claims keeps the claims its
        /// predicate names, not all of them.
        /// </summary>
        private TaintSet PickedClaims(IInvocationOperation invocation, TaintSet result)
        {
            if (!KeepsElements(invocation))
            {
                return result;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (AnonymousFunction(argument.Value) != null)
                {
                    result = _context.Sources.FilterClaims(result, argument.Value.Syntax);
                }
            }

            return result;
        }

        /// <summary>
        /// True for a call on a sequence (its receiver, or an extension's first argument) that returns a sequence of the
        /// same elements, or one of them, or a task of either: a filter, an ordering, a query option.
        /// </summary>
        private static bool KeepsElements(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var source = SequenceSource(invocation);
            var elements = source == null ? null : TextForms.SequenceElement(StaticType(source));
            if (elements == null)
            {
                return false;
            }

            var returned = Scalars.Unwrap(method.ReturnType);
            var returnedElements = TextForms.SequenceElement(returned) ?? returned;
            return SymbolEqualityComparer.Default.Equals(returnedElements, elements);
        }

        /// <summary>The sequence a call works on: its receiver, or an extension method's first argument.</summary>
        private static IOperation? SequenceSource(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            return invocation.Instance ?? (method.IsExtensionMethod || method.ReducedFrom != null ? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null) : null);
        }

        private TaintSet WithoutObjectTypes(IInvocationOperation invocation, TaintSet receiver, TaintSet[] argumentTaints, TaintSet result)
        {
            var kept = invocation.Instance == null ? Taint.Clean : FlowedInto(StaticType(invocation.Instance), receiver);
            for (var i = 0; i < argumentTaints.Length; i++)
            {
                kept = Taint.Union(kept, FlowedInto(StaticType(invocation.Arguments[i].Value), argumentTaints[i]));
            }

            return result.Intersect(kept);
        }

        /// <summary>
        /// What flowed into an operand of <paramref name="type"/> beyond what its type holds. In a summary, a whole input
        /// of an object's type (<c>context.SaveChangesAsync()</c> of the context a caller gives) stands for that object,
        /// which its caller reads as what its type holds: gone too. So is a value stored in the object's member that its
        /// type says it holds (<c>new Account { Email = form.Email }</c>, the form's address known as the account's, then
        /// <c>await accounts.CreateAsync(account)</c>'s new key). A text or an object-typed input stays, which the caller may
        /// give a value of any kind.
        /// </summary>
        private TaintSet FlowedInto(ITypeSymbol? type, TaintSet taint)
        {
            var holds = _context.Sources.OfType(type);
            var flowed = taint.Except(holds);
            return IsObjectType(type) && !flowed.IsEmpty ? flowed.Where(t => !IsWholeInput(t) && !holds.Contains(t.Value.Held)) : flowed;
        }

        /// <summary>A class, struct or interface other than <c>string</c> and <c>object</c>: an object, not text or a number.</summary>
        private static bool IsObjectType(ITypeSymbol? type) =>
            type is { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface, SpecialType: SpecialType.None } && !Scalars.IsScalar(type);

        private TaintSet WithOwnMembersOnly(IInvocationOperation invocation, TaintSet receiver, TaintSet[] argumentTaints, TaintSet result)
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

        private static bool ReturnsText(IMethodSymbol method) => Scalars.Unwrap(method.ReturnType).SpecialType == SpecialType.System_String;

        private static TaintSet OperandsWithoutLambdas(IInvocationOperation invocation, TaintSet[] argumentTaints)
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
        private void Store(IInvocationOperation invocation, IMethodSymbol method, MethodSummary? summary, bool isSink, TaintSet[] argumentTaints, FlowState state)
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

            if (receiverOperation is IFlowCaptureReferenceOperation capture && Captured(capture) is IMemberReferenceOperation place)
            {
                // message.To.Add(dev ? "dev@example.invalid" : email): an argument that branches has the graph capture the
                // receiver first; the member it captured is what the call changes.
                receiverOperation = place;
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
            else if ((method.ReturnsVoid && !IsDependency(receiverOperation) && !IsInheritedFromLibrary(receiverOperation, method))
                || SymbolEqualityComparer.Default.Equals(method.ReturnType, receiverOperation.Type))
            {
                // A mutator (void, or builder-style returning its own type) stores its arguments in its receiver:
                // `builder.Append(email)`, `list.Add(email)`.
                for (var i = first; i < argumentTaints.Length; i++)
                {
                    stored = Taint.Union(stored, argumentTaints[i]);
                }
            }

            StoreIn(receiverOperation, null, stored, state);
        }

        /// <summary>
        /// What a callee stores of some arguments in another argument it is given (<see cref="MethodSummary.StoredInInputs"/>):
        /// <c>AddRecipients(message.To, email)</c> adds the address to the message's recipients.
        /// </summary>
        private void StoreInArguments(IInvocationOperation invocation, MethodSummary summary, TaintSet receiver, TaintSet[] argumentTaints, FlowState state)
        {
            foreach (var store in summary.StoredInInputs)
            {
                IOperation? target = null;
                var stored = (store.Inputs & 1UL) != 0 ? receiver : Taint.Clean;
                for (var i = 0; i < invocation.Arguments.Length; i++)
                {
                    if (!(InputOf(invocation.Arguments[i], i) is int input))
                    {
                        continue;
                    }

                    if (input == store.Target)
                    {
                        target = invocation.Arguments[i].Value;
                    }
                    else if ((store.Inputs & (1UL << input)) != 0)
                    {
                        stored = Taint.Union(stored, argumentTaints[i]);
                    }
                }

                if (target != null)
                {
                    StoreIn(target, store.Member, stored, state);
                }
            }
        }

        /// <summary>
        /// Adds <paramref name="stored"/> to what <paramref name="place"/> holds, in its <paramref name="member"/> when
        /// one is named: one member of an owner when the place is one (<c>message.To</c>), the holder as a whole otherwise.
        /// </summary>
        private void StoreIn(IOperation place, ISymbol? member, TaintSet stored, FlowState state)
        {
            if (stored.IsEmpty)
            {
                return;
            }

            while (place is IConversionOperation { IsImplicit: true } conversion)
            {
                place = conversion.Operand;
            }

            if (place is IFlowCaptureReferenceOperation capture && Captured(capture) is IMemberReferenceOperation captured)
            {
                // AddRecipients(message.To, dev ? "dev@example.invalid" : email): the graph captured the member first.
                place = captured;
            }

            if (member != null && DirectHolder(place) is object target)
            {
                // Fill(dto, user) setting dto.Email: that member of the caller's dto.
                AddToMember(target, member, stored, state);
            }
            else if (member == null && place is IMemberReferenceOperation { Member: var own } reference && (reference is IFieldReferenceOperation || reference is IPropertyReferenceOperation)
                && DirectHolder(reference.Instance) is object owner)
            {
                // _recipients.Add(email), message.To.Add(address): that member of its owner holds it, not the owner's
                // other members (_tenant read after it stays clean).
                AddToMember(owner, own, stored, state);
            }
            else if (HolderOf(place, stopAtDependency: true) is object holder)
            {
                // Not _unitOfWork.Users.Remove(user): that hands the user to a service, not to this object.
                AddToWhole(holder, stored, state);
            }
        }

        /// <summary>The methods of Identity's <c>UserManager&lt;TUser&gt;</c> whose <c>IdentityResult</c> reports the user's validation.</summary>
        private static readonly HashSet<string> ValidatingCalls = new HashSet<string>(System.StringComparer.Ordinal)
        {
            "CreateAsync", "UpdateAsync", "SetUserNameAsync", "SetEmailAsync", "ChangeEmailAsync",
        };

        /// <summary>
        /// What the <c>IdentityResult</c> of a <c>UserManager&lt;TUser&gt;</c> call that validates the user carries: its
        /// errors' descriptions name the user's name and address (<c>Username 'x' is already taken.</c>, <c>Email 'x' is
        /// invalid.</c>), so the result holds what the user's <c>UserName</c> and <c>Email</c> hold, read as the method
        /// reads them (a seeder's user made of constants holds none), and what the name or address given with it holds.
        /// Clean for any other call.
        /// </summary>
        private TaintSet ValidationErrors(IInvocationOperation invocation, TaintSet[] argumentTaints, FlowState state)
        {
            var method = invocation.TargetMethod;
            if (!ValidatingCalls.Contains(method.Name) || !(Names.Awaited(method.ReturnType) is { Name: "IdentityResult" } result)
                || !Names.NamespaceIs(result.ContainingNamespace, "Microsoft.AspNetCore.Identity"))
            {
                return Taint.Clean;
            }

            var named = Taint.Clean;
            for (var i = 0; i < invocation.Arguments.Length; i++)
            {
                var argument = invocation.Arguments[i];
                var value = PrivacyContext.Unconverted(argument.Value);
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    // SetEmailAsync(user, email), SetUserNameAsync(user, userName): not the password of CreateAsync(user, password).
                    if (argument.Parameter.Name is "email" or "newEmail" or "userName")
                    {
                        named = Taint.Union(named, argumentTaints[i]);
                    }
                }
                else if (value != null && (DirectHolder(value) != null || value is IMemberReferenceOperation) && value.Type is INamedTypeSymbol user)
                {
                    foreach (var name in ValidatedMembers)
                    {
                        if (MemberNamed(user, name) is ISymbol member)
                        {
                            named = Taint.Union(named, Member(member, value, ImmutableArray<IArgumentOperation>.Empty, TypeOf(member), state, report: false));
                        }
                    }
                }
            }

            return named;
        }

        /// <summary>The members of a user Identity's validation names in its errors.</summary>
        private static readonly ImmutableArray<string> ValidatedMembers = ImmutableArray.Create("UserName", "Email");

        /// <summary>
        /// The static type of a call's receiver; for a call on the object itself in a method summarized for a narrower
        /// receiver (<see cref="_receiver"/>), that receiver's class.
        /// </summary>
        private ITypeSymbol? ReceiverType(IInvocationOperation invocation) =>
            _receiver != null && invocation.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } ? _receiver : invocation.Instance?.Type;

        /// <summary>
        /// <c>base.M()</c>: it runs that method's own body, none of its overrides; a body in another assembly (a
        /// framework's <c>ComponentBase</c>) is not known here.
        /// </summary>
        private static bool IsBaseCall(IInvocationOperation invocation) =>
            !invocation.IsVirtual
            && invocation.Instance is IInstanceReferenceOperation
            && (invocation.TargetMethod.IsVirtual || invocation.TargetMethod.IsOverride || invocation.TargetMethod.IsAbstract);

        /// <summary>
        /// A service the object was given (a read-only field, a get-only property, a primary constructor's parameter)
        /// that is not a collection: <c>_engine.SetUser(user)</c> hands the user to code the analysis cannot see, which
        /// neither makes this object personal data nor what the service returns later. A collection it holds
        /// (<c>_emails.Add(email)</c>) keeps what it is given.
        /// </summary>
        private static bool IsDependency(IOperation receiver)
        {
            switch (receiver)
            {
                case IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: false }, Instance: IInstanceReferenceOperation }:
                case IPropertyReferenceOperation { Property: { SetMethod: null, IsStatic: false, IsIndexer: false }, Instance: IInstanceReferenceOperation }:
                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter } when IsPrimaryConstructorParameter(parameter):
                    return !IsCollection(receiver.Type) && !IsTextBuffer(receiver.Type);
                default:
                    return false;
            }
        }

        /// <summary>
        /// A method the object inherits from a library, called on itself. A void one (a Razor page's
        /// <c>Write(user.UserName)</c>) writes the page, it does not make the page carry the name; what one returns (its
        /// <c>InvalidTagHelperIndexerAssignment(...)</c> message) is made from its arguments, not from what the page holds
        /// (its <c>ViewData["Title"]</c>, a model with a user's name). What the object's own code stores in its members is
        /// followed member by member; a collection or a text buffer (a class deriving from <c>List&lt;T&gt;</c>) keeps what
        /// it is given and answers with it. The receiver may be a capture of the object (<c>Write(User.Identity?.Name)</c>:
        /// the conditional access captures it first).
        /// </summary>
        private bool IsInheritedFromLibrary(IOperation receiver, IMethodSymbol method) =>
            (receiver is IInstanceReferenceOperation || (receiver is IFlowCaptureReferenceOperation capture && Captured(capture) is IInstanceReferenceOperation))
            && method.DeclaringSyntaxReferences.IsEmpty
            && !IsCollection(receiver.Type)
            && !IsTextBuffer(receiver.Type);

        private static bool IsPrimaryConstructorParameter(IParameterSymbol parameter) =>
            parameter.DeclaringSyntaxReferences.Length > 0
            && parameter.DeclaringSyntaxReferences[0].GetSyntax().Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax;

        /// <summary>A <c>StringBuilder</c> or a <c>TextWriter</c> (a <c>StringWriter</c>): text written to it is kept.</summary>
        private static bool IsTextBuffer(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if ((current.Name == "StringBuilder" && Names.NamespaceIs(current.ContainingNamespace, "System.Text"))
                    || (current.Name == "TextWriter" && Names.NamespaceIs(current.ContainingNamespace, "System.IO")))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCollection(ITypeSymbol? type) =>
            type == null
            || TextForms.SequenceElement(type) != null
            || type.SpecialType == SpecialType.System_Collections_IEnumerable
            || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable);

        /// <summary>
        /// What a callee says parts of its parameters hold, said of the arguments the caller passed: a mapper that makes
        /// an Identity user of <c>source.Username.Value</c> says the caller's <c>newUser.Username.Value</c> is a user's name.
        /// Added while the graph is iterated; the pass that reports runs once it is stable, so every read of the argument
        /// in the method sees it, as it sees what the method says itself (<see cref="Identified"/>).
        /// </summary>
        private void IdentifyArguments(ImmutableArray<IArgumentOperation> arguments, ImmutableArray<IdentifiedInput> identified)
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                if (!(InputOf(arguments[i], i) is int input))
                {
                    continue;
                }

                // GetUserByEmail(loginDto.Email.ToLower()): the member read before its case or spaces are changed.
                var value = arguments[i].Value is IFlowCaptureReferenceOperation capture ? Captured(capture) : arguments[i].Value;
                value = value == null ? null : WithoutNormalizers(value);
                if (!(KeyOf(value, 3) is object key))
                {
                    continue;
                }

                foreach (var entry in identified)
                {
                    if (entry.Input != input)
                    {
                        continue;
                    }

                    // Already known (the call is met again on each pass over the graph), or the caller's constant: a
                    // seeder's local that holds a demo address, handed to its own CreateUserAsync(email, ...).
                    var held = FlowKeys.Under(key, entry.Parts);
                    if ((_identified.TryGetValue(held, out var known) && Holds(known, entry.Holds))
                        || (entry.Parts.IsEmpty && value != null && IsCallersConstant(key, value)))
                    {
                        continue;
                    }

                    // Copied, not changed in place: the dictionary may be a type's cached answer or a lambda's too.
                    var copy = new Dictionary<object, TaintSet>(_identified, FlowState.KeyComparer);
                    copy[held] = known == null ? entry.Holds : Taint.Union(known, entry.Holds);
                    if (held is ILocalSymbol local)
                    {
                        // var email = Input.Email.Trim(); GetOrCreateUser(email): what the form's member was read into.
                        NoteAliasesOf(_context, _graph.OriginalOperation, local, entry.Holds, copy, depth: 2);
                        (_saidByCallees ??= new HashSet<object>(FlowState.KeyComparer)).Add(local);
                    }

                    _identified = copy;
                }
            }
        }

        /// <summary>True when <paramref name="known"/> has every source of <paramref name="said"/>.</summary>
        private static bool Holds(TaintSet known, TaintSet said)
        {
            foreach (var source in said)
            {
                if (!known.Contains(source))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <see cref="IsProgramText"/> for an argument, once per key: a local, or a member of one, is judged by a read of
        /// it in the method's own operations, not the graph's (the graph turns its declaration into an assignment).
        /// </summary>
        private bool IsCallersConstant(object key, IOperation value)
        {
            _callersConstants ??= new Dictionary<object, bool>(FlowState.KeyComparer);
            if (!_callersConstants.TryGetValue(key, out var constant))
            {
                var original = key is ILocalSymbol local ? OriginalUse(local)
                    : value is IMemberReferenceOperation { Instance: ILocalReferenceOperation { Local: var holder } } read ? OriginalUse(holder, read.Member)
                    : null;
                _callersConstants[key] = constant = IsProgramText(_context, original ?? value, key);
            }

            return constant;
        }

        /// <summary>
        /// A read of <paramref name="local"/> in the method's own operations (not the graph's), or with
        /// <paramref name="member"/>, a read of that member of it; null when there is none.
        /// </summary>
        private IOperation? OriginalUse(ILocalSymbol local, ISymbol? member = null)
        {
            foreach (var operation in _graph.OriginalOperation.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && (member == null || (reference.Parent is IMemberReferenceOperation read && SymbolEqualityComparer.Default.Equals(read.Member, member))))
                {
                    return member == null ? reference : reference.Parent;
                }
            }

            return null;
        }

        /// <summary>The summary input an argument binds to: parameter ordinal + 1.</summary>
        private static int? InputOf(IArgumentOperation argument, int index)
        {
            var ordinal = argument.Parameter?.Ordinal ?? index;
            return ordinal + 1 < 64 ? ordinal + 1 : (int?)null;
        }

        private static IFlowAnonymousFunctionOperation? AnonymousFunction(IOperation value) => DelegateTarget<IFlowAnonymousFunctionOperation>(value);

        private static IMethodReferenceOperation? MethodGroup(IOperation value) => DelegateTarget<IMethodReferenceOperation>(value);

        /// <summary>What a delegate argument is made from (a lambda, a method group), through its creation and conversions.</summary>
        private static T? DelegateTarget<T>(IOperation value)
            where T : class, IOperation
        {
            switch (value)
            {
                case T target:
                    return target;
                case IDelegateCreationOperation creation:
                    return DelegateTarget<T>(creation.Target);
                case IConversionOperation conversion:
                    return DelegateTarget<T>(conversion.Operand);
                default:
                    return null;
            }
        }

        /// <summary>
        /// What a callee's result holds of an input it returns, given what the argument carries (<paramref name="given"/>):
        /// all of it, unless the callee returns only some of its text members, not the argument itself
        /// (<c>new Report { Status = entity.LastUpdatedBy }</c>): then what <see cref="ReadStandIn"/> reads of them.
        /// </summary>
        private static TaintSet ReturnedOf(MethodSummary called, int input, ITypeSymbol? type, TaintSet given)
        {
            if (called.ReturnedArgument == input || !HoldsMembersApart(given))
            {
                return given;
            }

            var read = Taint.Clean;
            foreach (var standIn in called.ReturnedStandIns)
            {
                if (standIn.Input == input)
                {
                    read = Taint.Union(read, ReadStandIn(standIn, type, given));
                }
            }

            return read;
        }

        /// <summary>
        /// True when what an argument carries tells its members apart: values held in members of a plain data object
        /// (<see cref="TaintSource.HeldIn"/>), or an input of the method being summarized, whose members its callers know.
        /// </summary>
        private static bool HoldsMembersApart(TaintSet given) => given.Any(t => t.HeldIn != null || IsWholeInput(t));

        /// <summary>
        /// What a callee's input stand-in (<paramref name="standIn"/>) is of an argument of <paramref name="type"/> that
        /// carries <paramref name="given"/>: for a text member, what that member holds (values held in it, or that member
        /// of the caller's own input); for the input itself, its text, or an object member (a list of rows), all of it.
        /// </summary>
        private static TaintSet ReadStandIn(TaintSource standIn, ITypeSymbol? type, TaintSet given)
        {
            if (!(standIn.ThroughMember is string name) || !(type is INamedTypeSymbol named) || !(MemberNamed(named, name) is ISymbol member)
                || !(TypeOf(member) is ITypeSymbol memberType) || !HoldsValues(memberType))
            {
                return given;
            }

            return ThroughMember(ReadValue(given, name), name);
        }

        /// <summary>
        /// What a value carries into a callee (its sinks, its result): all of it, but a value known only as a string
        /// (<see cref="TaintSource.PassesOnlyAsString"/>) only when the value is a string (converted to <c>object</c> or
        /// not), or an array of values (a <c>params object[]</c>) one of which is.
        /// </summary>
        private static TaintSet PassedToCall(IOperation value, TaintSet taint)
        {
            if (taint.IsEmpty || !taint.Any(t => t.PassesOnlyAsString) || IsString(value))
            {
                return taint;
            }

            if (PrivacyContext.Unconverted(value) is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (IsString(element))
                    {
                        return taint;
                    }
                }
            }

            return taint.Where(t => !t.PassesOnlyAsString);
        }

        private static bool IsString(IOperation value) => PrivacyContext.Unconverted(value)?.Type?.SpecialType == SpecialType.System_String;
    }
}
