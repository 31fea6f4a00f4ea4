using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>The transfer functions, sinks: a call that logs or sends what it is given, and a call of a method that does so further down.</summary>
    internal sealed partial class TaintAnalysis
    {
        /// <summary>The groups a callee's sinks are reported in at a call: logs, exception messages (which end up in logs), third parties.</summary>
        private static readonly (SinkKind Kind, bool Exception)[] SinkGroups = { (SinkKind.Log, false), (SinkKind.Log, true), (SinkKind.Share, false) };

        /// <summary>Records a finding when the call is a sink.</summary>
        private void CheckSink(IInvocationOperation invocation, Sink sink, TaintSet receiver, TaintSet[] argumentTaints, FlowState state)
        {
            var kind = sink.Kind;
            var relevant = sink.Relevant;
            var requiresConsent = _context.RequiresConsent(invocation.TargetMethod);
            if (kind == SinkKind.None && !requiresConsent)
            {
                return;
            }

            var taint = Taint.Clean;
            var redacted = Taint.Clean;
            Dictionary<int, ITypeSymbol?>? carriers = null;
            for (var i = 0; i < argumentTaints.Length; i++)
            {
                if (_context.DataMap && kind != SinkKind.None)
                {
                    redacted = Taint.Union(redacted, RedactedIn(invocation.Arguments[i], relevant, argumentTaints[i]));
                }

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

            if (sink.SendsReceiver && invocation.Instance != null && !receiver.IsEmpty)
            {
                // email.To(address).Body(text).SendAsync(): what the client was given before leaves with it.
                var carrier = StaticType(invocation.Instance);
                var sent = _context.Holdable(carrier, receiver);
                taint = Taint.Union(taint, sent);
                if (_summarizing)
                {
                    NoteCarriers(ref carriers, sent, carrier);
                }
            }

            if (!taint.IsEmpty || requiresConsent || !redacted.IsEmpty)
            {
                _findings!.Add(new FlowFinding(
                    invocation,
                    PrivacyContext.NameOf(invocation.TargetMethod),
                    kind == SinkKind.None ? SinkKind.Share : kind,
                    kind == SinkKind.None ? "a method that requires consent" : sink.Recipient,
                    taint,
                    GuardedFor(state, taint, sink.PolicyRecipient),
                    requiresConsent)
                {
                    Carriers = carriers,
                    PolicyRecipient = sink.PolicyRecipient,
                    Channel = sink.Channel,
                    Checked = state.Guarded,
                    Purposes = CheckedPurposes(state),
                    Redacted = redacted,
                    Through = _summarizing ? InputOfSummarized(invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)) : -1,
                });
            }
        }

        /// <summary>
        /// While a method is summarized: the input <paramref name="operation"/> is when it is one of the method's own
        /// parameters, read plainly or conditionally (<c>logger?.LogInformation(...)</c>); -1 otherwise.
        /// </summary>
        private int InputOfSummarized(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation { IsImplicit: true } conversion:
                        operation = conversion.Operand;
                        continue;
                    case IFlowCaptureReferenceOperation capture:
                        operation = Captured(capture);
                        continue;
                    case IConditionalAccessInstanceOperation access:
                        operation = ReceiverOf(access);
                        continue;
                    case IParameterReferenceOperation { Parameter: var parameter }
                        when _changes != null && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _changes.Method) && parameter.Ordinal + 1 < 64:
                        return parameter.Ordinal + 1;
                    default:
                        return -1;
                }
            }
        }

        /// <summary>
        /// The effects of a callee without those reached through an object the call gives none of: a log the callee writes
        /// through the logger it is handed (<c>logger?.LogInformation(...)</c>), called with <c>null</c> or with the
        /// parameter left at its default of null, writes nothing.
        /// </summary>
        private static ImmutableArray<SinkEffect> Supplied(IOperation call, ImmutableArray<SinkEffect> effects)
        {
            ImmutableArray<SinkEffect>.Builder? kept = null;
            for (var i = 0; i < effects.Length; i++)
            {
                var unsupplied = effects[i].ThroughInput > 0 && ArgumentFor(call, effects[i].ThroughInput)?.ConstantValue is { HasValue: true, Value: null };
                if (unsupplied && kept == null)
                {
                    kept = ImmutableArray.CreateBuilder<SinkEffect>(effects.Length);
                    kept.AddRange(effects, i);
                }
                else if (!unsupplied && kept != null)
                {
                    kept.Add(effects[i]);
                }
            }

            return kept == null ? effects : kept.ToImmutable();
        }

        /// <summary>The value a call gives for <paramref name="input"/> (a parameter's), or null.</summary>
        private static IOperation? ArgumentFor(IOperation call, int input)
        {
            var arguments = call is IInvocationOperation invocation ? invocation.Arguments
                : call is IObjectCreationOperation creation ? creation.Arguments
                : ImmutableArray<IArgumentOperation>.Empty;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (InputOf(arguments[i], i) == input)
                {
                    return arguments[i].Value;
                }
            }

            return null;
        }

        /// <summary>
        /// For the data map: what an argument carries to the sink only redacted: a parameter the logging pipeline
        /// redacts (a classified <c>[LoggerMessage]</c> parameter), or a sanitizer's result, directly or through a local.
        /// </summary>
        private TaintSet RedactedIn(IArgumentOperation argument, System.Func<IArgumentOperation, bool>? relevant, TaintSet taint)
        {
            if (relevant != null && !relevant(argument))
            {
                return argument.Parameter != null && _context.Sources.IsClassifiedParameter(argument.Parameter) ? Taint.WithoutInputs(taint) : Taint.Clean;
            }

            var redacted = Taint.Clean;
            if (_sanitized == null)
            {
                return redacted;
            }

            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                if (_sanitized.TryGetValue(operation, out var byCall))
                {
                    redacted = Taint.Union(redacted, byCall);
                }
                else if (operation is ILocalReferenceOperation local && _redactedLocals != null && _redactedLocals.TryGetValue(local.Local, out var byLocal))
                {
                    redacted = Taint.Union(redacted, byLocal);
                }
            }

            return redacted;
        }

        /// <summary>For the data map: a local assigned a sanitizer's result holds what the sanitizer redacted.</summary>
        private void NoteRedactedLocal(ILocalSymbol local, IOperation? value)
        {
            if (_sanitized == null)
            {
                return;
            }

            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value != null && _sanitized.TryGetValue(value, out var redacted))
            {
                (_redactedLocals ??= new Dictionary<ILocalSymbol, TaintSet>(SymbolEqualityComparer.Default))[local] = redacted;
            }
        }

        /// <summary>
        /// For the data map: the purposes the consent checks on the paths to here asked about, where constants name them;
        /// sorted. Empty in an ordinary build, which never reads them.
        /// </summary>
        private ImmutableArray<string> CheckedPurposes(FlowState state) =>
            _context.DataMap && state.Guarded && state.GuardPurposes != null
                ? state.GuardPurposes.SelectMany(path => path).Distinct().OrderBy(p => p, System.StringComparer.Ordinal).ToImmutableArray()
                : ImmutableArray<string>.Empty;

        /// <summary>Notes, for each input stand-in in <paramref name="sent"/>, the type of the value it was sent in.</summary>
        private static void NoteCarriers(ref Dictionary<int, ITypeSymbol?>? carriers, TaintSet sent, ITypeSymbol? carrier)
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
        private void ReportCalleeSinks(IOperation call, IMethodSymbol method, MethodSummary summary, TaintSet receiver, ImmutableArray<IArgumentOperation> arguments, TaintSet[] argumentTaints, FlowState state)
        {
            // What the callee can send of a value is what a value of its type can hold: a DTO built from an entity
            // that references a user holds no e-mail address unless it has a member for one. A method of this object
            // (Announce()) is analysed on its own with what the type's methods store in its members, and reports what it
            // sends of them where it sends them: reported here too, the call would name all the object holds.
            if (!receiver.IsEmpty && call is IInvocationOperation { Instance: IOperation instance }
                && !(instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }))
            {
                AddCalleeFindings(call, method, summary.SinksOf(0), receiver, instance, state, summary.Changed(0));
            }

            for (var i = 0; i < arguments.Length; i++)
            {
                if (InputOf(arguments[i], i) is int input && !argumentTaints[i].IsEmpty)
                {
                    AddCalleeFindings(call, method, summary.SinksOf(input), argumentTaints[i], arguments[i].Value, state, summary.Changed(input));
                }
            }
        }

        /// <summary>
        /// The parts of an argument that is a record whose members are known one by one (built where the call can see
        /// it, or returned by a method that builds one), and that record's type; null otherwise.
        /// </summary>
        private (Parts Parts, INamedTypeSymbol Record)? RecordPartsOf(IOperation argumentValue, FlowState state)
        {
            if (!(PartsOf(argumentValue, state) is Parts parts))
            {
                return null;
            }

            INamedTypeSymbol? record = null;
            foreach (var part in parts)
            {
                if (!(part.Key is ISymbol { ContainingType: { IsRecord: true } type }) || (record != null && !SymbolEqualityComparer.Default.Equals(record, type)))
                {
                    return null;
                }

                record = type;
            }

            return record == null ? null : (parts, record);
        }

        /// <summary>
        /// What the members a callee reads of a record argument carry, when every member read is one of its positional
        /// properties (<c>email.ReceiverEmail</c> of a record built with the user's name as its <c>ReceiverName</c>: the
        /// address, not the name); null otherwise. Members are matched by name: the callee may read them through an
        /// interface the record implements. A positional property is set once, when the record is made, so the callee
        /// cannot have moved another member's content into it (as a mutable log entry's <c>Message</c> rebuilt from its
        /// <c>Properties</c> can be).
        /// </summary>
        private TaintSet? ReadThroughParts((Parts Parts, INamedTypeSymbol Record) argument, ImmutableArray<string> members)
        {
            var read = Taint.Clean;
            foreach (var member in members)
            {
                if (!IsPositionalAndSetOnce(argument.Record, member))
                {
                    return null;
                }

                foreach (var part in argument.Parts)
                {
                    if (((ISymbol)part.Key).Name == member)
                    {
                        read = Taint.Union(read, part.Value);
                    }
                }
            }

            return read;
        }

        /// <summary>True when the record's member of that name is a positional property that only its construction sets.</summary>
        private bool IsPositionalAndSetOnce(INamedTypeSymbol record, string name) =>
            record.GetMembers(name).FirstOrDefault() is IPropertySymbol { DeclaringSyntaxReferences.Length: 1 } property
            && (property.SetMethod == null || property.SetMethod.IsInitOnly)
            && property.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax;

        /// <summary>
        /// What the members a callee reads of an argument carry, when the argument is a local, a parameter or <c>this</c>
        /// whose type only holds data (<see cref="PrivacyContext.IsPlainData"/>) and the callee changes nothing of it
        /// (<see cref="MethodSummary.ChangedInputs"/>): each member what this method put in it, and what the object held
        /// before; not what it put in the object's other members (a quote given the responder's name in
        /// <c>RespondedBy</c>, of which the callee logs only <c>Id</c>). Null otherwise.
        /// </summary>
        private TaintSet? ReadThroughHolder(IOperation argumentValue, ImmutableArray<string> members, FlowState state)
        {
            var value = PrivacyContext.Unconverted(argumentValue);
            if (!(DirectHolder(value) is object holder) || !(value?.Type is INamedTypeSymbol type) || !_context.IsPlainData(type))
            {
                return null;
            }

            var own = state.Get(holder);
            var read = Taint.Clean;
            foreach (var name in members)
            {
                if (!(MemberNamed(type, name) is ISymbol member))
                {
                    return null;
                }

                // What was put in the member, and what the object holds as a whole that the member may hold
                // (ReadMemberOf: the message's MailboxAddress does not hold the owner's address its type declares).
                read = Taint.Union(read, Taint.Union(state.Get(FlowKeys.Member(holder, member)), ThroughMember(ReadMemberOf(own, type, member), name)));
            }

            return read;
        }

        /// <summary>
        /// <paramref name="argument"/> without what <see cref="WithIdentifiedMembers"/> added to it as held in the object,
        /// unless the argument's type itself holds that (a member typed as a user).
        /// </summary>
        private TaintSet WithoutIdentifiedMembers(IOperation argumentValue, TaintSet argument, ITypeSymbol? argumentType)
        {
            if (_identified.Count == 0 || argument.IsEmpty)
            {
                return argument;
            }

            var identified = IdentifiedMembers(argumentValue, Taint.Clean);
            return identified.IsEmpty ? argument : argument.Except(identified.Select(s => s.Held).Except(_context.Sources.OfType(argumentType)));
        }

        private void AddCalleeFindings(IOperation call, IMethodSymbol method, ImmutableArray<SinkEffect> effects, TaintSet argument, IOperation argumentValue, FlowState state, bool changed)
        {
            var argumentType = StaticType(argumentValue);
            argument = PassedToCall(argumentValue, argument);
            effects = Supplied(call, effects);
            if (effects.IsEmpty || (argument.IsEmpty && !HoldsIdentified(argumentValue)))
            {
                return;
            }

            // Found once for all the effects that read members of the argument.
            var readsMembers = effects.Any(e => !e.Members.IsDefault);
            var record = readsMembers ? RecordPartsOf(argumentValue, state) : null;

            // What the method says members of the argument hold is counted member by member (IdentifiedMembers below),
            // not as held anywhere in it: a form whose TeacherId names a user holds no name in its Questions.
            var beyondIdentified = readsMembers ? WithoutIdentifiedMembers(argumentValue, argument, argumentType) : argument;
            foreach (var (kind, exception) in SinkGroups)
            {
                if (exception && !_settings.ReportExceptions)
                {
                    continue;
                }

                // Of one kind, the unguarded sinks if there are any: those are what the finding is about. An exception's
                // message is a finding of its own, worded as the one where the exception is created.
                var ofKind = effects.Where(e => e.Kind == kind && e.IsException == exception).ToList();
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
                    // Written as its text: what the argument's type prints (passed on as text, for a caller that is itself an
                    // input's text stand-in: Publish<T>(T evt) => Publish((object)evt)).
                    // Sent only through some of its text members: what those members of the argument carry.
                    // Sent whole in a value the callee made of it: what that value can hold, and no more than the argument
                    // itself can (a DTO with no member for the user's address, wrapped in a request whose Data is any
                    // object, sends no address).
                    var held = effect.AsText ? AsTextOfInput(argumentValue, _context.Text(argumentType, argument, _stack))
                        : !effect.Members.IsDefault ? Taint.Union((record is { } parts ? ReadThroughParts(parts, effect.Members) : null) ?? (changed ? null : ReadThroughHolder(argumentValue, effect.Members, state)) ?? ReadThrough(changed ? Taint.Unheld(beyondIdentified) : beyondIdentified, argumentType, effect.Members), IdentifiedMembers(argumentValue, Taint.Clean, effect.Members))
                        : _context.Holdable(carrier, effect.Carrier == null ? argument : _context.Holdable(argumentType, argument));
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

                var policyRecipient = named.Select(e => e.PolicyRecipient).Distinct().Count() == 1 ? named[0].PolicyRecipient : null;
                // Only the data map names the channel; an ordinary build spends nothing on it.
                var channel = _context.DataMap && named.Select(e => e.Channel).Distinct().Count() == 1 ? named[0].Channel : SinkChannel.Other;
                var prefix = PrivacyContext.NameOf(method) + " → ";
                _findings!.Add(new FlowFinding(
                    call,
                    prefix + string.Join(", ", named.Select(e => e.SinkName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal)),
                    kind,
                    string.Join(" and ", named.Select(e => e.Recipient).Distinct().OrderBy(n => n, System.StringComparer.Ordinal)),
                    taint,
                    GuardedFor(state, taint, policyRecipient) || unguarded.Count == 0,
                    requiresConsent: false,
                    exception)
                {
                    Carriers = carriers,
                    PolicyRecipient = policyRecipient,
                    Channel = channel,
                    Checked = state.Guarded,
                    Purposes = CheckedPurposes(state),
                    Routes = _summarizing
                        ? named.Select(e => new SinkEffect(e.Kind, e.Channel, e.Recipient, e.PolicyRecipient, prefix + e.SinkName, e.Guarded, isException: e.IsException)).ToImmutableArray()
                        : ImmutableArray<SinkEffect>.Empty,
                    // Summarizing a method that passes its own logger on (Upsert(..., ILogger? logger = null) calling
                    // Normalize(..., logger)): its callers' null reaches the callee's log the same way.
                    Through = _summarizing && named.All(e => e.ThroughInput == named[0].ThroughInput) && named[0].ThroughInput > 0
                        ? InputOfSummarized(ArgumentFor(call, named[0].ThroughInput))
                        : -1,
                });
            }
        }
    }
}
