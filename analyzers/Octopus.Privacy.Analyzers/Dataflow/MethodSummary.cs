using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>Where a callee sends one of its inputs: the sink it reaches, and whether a consent check guards it there.</summary>
    internal sealed class SinkEffect
    {
        public SinkEffect(SinkKind kind, SinkChannel channel, string recipient, string? policyRecipient, string sinkName, bool guarded, ITypeSymbol? carrier = null, bool asText = false, ImmutableArray<string> members = default, int throughInput = -1, bool isException = false)
        {
            IsException = isException;
            ThroughInput = throughInput;
            AsText = asText;
            Members = members;
            Kind = kind;
            Channel = channel;
            Recipient = recipient;
            PolicyRecipient = policyRecipient;
            SinkName = sinkName;
            Guarded = guarded;
            Carrier = carrier;
        }

        /// <summary>
        /// True when the input reaches the sink only as its text, with nothing in the callee to say what that text is
        /// (an <c>object</c> formatted or converted with <c>ToString()</c>): the caller's argument counts for what its
        /// own type prints (an event that prints its type's name carries nothing).
        /// </summary>
        public bool AsText { get; }

        /// <summary>
        /// The names of the input's text members through which alone it reaches the sink (<c>request.UserInput</c>
        /// logged): a caller's argument counts for what those members of it carry. Default when the input reaches the
        /// sink as itself, or any other way.
        /// </summary>
        public ImmutableArray<string> Members { get; }

        /// <summary>
        /// True when the input reaches the message of an exception the callee creates (<c>new
        /// InvalidEmailFormatException(email)</c>), which ends up in logs, rather than a call that writes or sends it.
        /// </summary>
        public bool IsException { get; }

        /// <summary>The policy's name for the recipient (<c>internal</c> for a log), or null.</summary>
        public string? PolicyRecipient { get; }

        /// <summary>
        /// The input that is the object the sink is reached through on every path (a logger parameter,
        /// <c>logger?.LogInformation(...)</c> in <c>Upsert(..., ILogger? logger = null)</c>): a caller that gives none
        /// (<c>null</c>, or the parameter's default of null) sends nothing there. -1 when the sink's object is not one
        /// the caller hands over.
        /// </summary>
        public int ThroughInput { get; }

        /// <summary>
        /// The type of the value the input reaches a third party in (a DTO built from it), when that is one type; a
        /// caller's argument counts for what a value of that type can hold. Null when unknown.
        /// </summary>
        public ITypeSymbol? Carrier { get; }

        public SinkKind Kind { get; }

        /// <summary>Where the data goes, as the data map names it.</summary>
        public SinkChannel Channel { get; }

        public string Recipient { get; }

        /// <summary>The call inside the callee (or further down) that sends the data: <c>SmtpClient.Send</c>.</summary>
        public string SinkName { get; }

        public bool Guarded { get; }
    }

    /// <summary>The parts of a value (tuple element indices, member symbols) and what each carries.</summary>
    internal sealed class Parts : System.Collections.Generic.Dictionary<object, TaintSet>
    {
        public Parts()
            : base(FlowState.KeyComparer)
        {
        }

        /// <summary>
        /// Part by part when both sides are known part by part; null (only the whole is known) otherwise. A part that one
        /// side does not name carries nothing there beyond that side's whole (<c>AuthResult.Failure(message)</c> sets no
        /// <c>Data</c>, <c>AuthResult.Success(data)</c> no <c>ErrorMessage</c>), so the union takes the other side's.
        /// </summary>
        public static Parts? Union(Parts? a, Parts? b)
        {
            if (a == null || b == null)
            {
                return null;
            }

            var union = new Parts();
            foreach (var pair in a)
            {
                union[pair.Key] = b.TryGetValue(pair.Key, out var other) ? Taint.Union(pair.Value, other) : pair.Value;
            }

            foreach (var pair in b)
            {
                if (!union.ContainsKey(pair.Key))
                {
                    union[pair.Key] = pair.Value;
                }
            }

            return union;
        }
    }

    /// <summary>
    /// What a callee says one of its inputs holds, by using it (<c>new ApplicationUser { UserName = source.Username.Value }</c>
    /// says <c>source.Username.Value</c> is a user's name): the input, the parts read from it, and what they hold.
    /// </summary>
    internal sealed class IdentifiedInput
    {
        public IdentifiedInput(int input, ImmutableArray<object> parts, TaintSet holds)
        {
            Input = input;
            Parts = parts;
            Holds = holds;
        }

        /// <summary>The input: 0 the receiver, <c>i + 1</c> parameter <c>i</c>.</summary>
        public int Input { get; }

        /// <summary>The members (or tuple elements) read from the input, outermost first; empty for the input itself.</summary>
        public ImmutableArray<object> Parts { get; }

        public TaintSet Holds { get; }
    }

    /// <summary>
    /// What a method stores of some of its inputs in another input it is given: <c>AddRecipients(message.To, email)</c>
    /// adds the address to the list it is handed, <c>Fill(dto, user)</c> sets <c>dto.Email</c>.
    /// </summary>
    internal sealed class InputStore
    {
        public InputStore(int target, ISymbol? member, ulong inputs)
        {
            Target = target;
            Member = member;
            Inputs = inputs;
        }

        /// <summary>The input stored in: <c>i + 1</c> for parameter <c>i</c> (what the receiver keeps is <see cref="MethodSummary.StoredInputs"/>).</summary>
        public int Target { get; }

        /// <summary>The member of the target that keeps them (<c>To</c> of <c>message.To.Add(email)</c>); null for the target as a whole.</summary>
        public ISymbol? Member { get; }

        /// <summary>A bit per input whose value is stored there.</summary>
        public ulong Inputs { get; }
    }

    /// <summary>
    /// What callers need to know of a method with a body, computed once from one dataflow over it with each input
    /// standing for itself: the personal data it returns of its own accord, which inputs (parameters, or the object it
    /// is called on) flow into its result or into the object, and every log and third party it sends each input to.
    /// Input index 0 is the receiver (<c>this</c>); parameter <c>i</c> is input <c>i + 1</c>.
    /// </summary>
    internal sealed class MethodSummary
    {
        public static readonly MethodSummary Empty = new MethodSummary(Taint.Clean, 0, 0, ImmutableArray<ImmutableArray<SinkEffect>>.Empty, null);

        public MethodSummary(TaintSet returns, ulong returnedInputs, ulong storedInputs, ImmutableArray<ImmutableArray<SinkEffect>> sinks, Parts? returnParts, ImmutableArray<IdentifiedInput> identified = default, ulong changedInputs = 0, ImmutableArray<InputStore> storedInInputs = default, int? returnedArgument = null, TaintSet? returnedStandIns = null)
        {
            ReturnedArgument = returnedArgument;
            ReturnedStandIns = returnedStandIns ?? Taint.Clean;
            StoredInInputs = storedInInputs.IsDefault ? ImmutableArray<InputStore>.Empty : storedInInputs;
            ChangedInputs = changedInputs;
            Identified = identified.IsDefault ? ImmutableArray<IdentifiedInput>.Empty : identified;
            Returns = returns;
            ReturnedInputs = returnedInputs;
            StoredInputs = storedInputs;
            Sinks = sinks;
            ReturnParts = returnParts;
        }

        /// <summary>
        /// When every return is a value whose parts are known (a tuple literal, a positional record, a holder whose
        /// members were set): what each part carries, inputs included as stand-ins; null otherwise.
        /// </summary>
        public Parts? ReturnParts { get; }

        /// <summary>
        /// The parameter input every return gives back as it was given (<c>return entity;</c> after saving it), so that
        /// the caller's result is its argument, member by member; null when any return is something else.
        /// </summary>
        public int? ReturnedArgument { get; }

        /// <summary>What the method says parts of its inputs hold (<see cref="IdentifiedInput"/>); empty for most.</summary>
        public ImmutableArray<IdentifiedInput> Identified { get; }

        /// <summary>The personal data the method returns whatever its inputs carry.</summary>
        public TaintSet Returns { get; }

        /// <summary>
        /// The stand-ins of the inputs the result carries: an input as a whole, its text, or one of its members
        /// (<see cref="TaintSource.ThroughMember"/>), so that a caller knows what of its argument the result holds.
        /// </summary>
        public TaintSet ReturnedStandIns { get; }

        /// <summary>A bit per input that flows into the result.</summary>
        public ulong ReturnedInputs { get; }

        /// <summary>A bit per parameter whose value the method stores in the object it is called on.</summary>
        public ulong StoredInputs { get; }

        /// <summary>What the method stores of its inputs in the other inputs it is given (<see cref="InputStore"/>); empty for most.</summary>
        public ImmutableArray<InputStore> StoredInInputs { get; }

        /// <summary>
        /// A bit per input the method may change: a member of it assigned, or the input (or a part of it) handed to a
        /// call that may change it. A caller reads the members of such an argument after the call as the whole it
        /// passed, not member by member.
        /// </summary>
        public ulong ChangedInputs { get; }

        /// <summary>Per input, every sink it reaches in the method (one per kind and recipient), empty for none.</summary>
        public ImmutableArray<ImmutableArray<SinkEffect>> Sinks { get; }

        public bool IsEmpty => Returns.IsEmpty && ReturnedInputs == 0 && StoredInputs == 0 && ChangedInputs == 0 && Sinks.All(s => s.IsDefaultOrEmpty) && Identified.IsEmpty && StoredInInputs.IsEmpty;

        public bool Returned(int input) => input < 64 && (ReturnedInputs & (1UL << input)) != 0;

        public bool Changed(int input) => input < 64 && (ChangedInputs & (1UL << input)) != 0;

        public bool Stored(int input) => input < 64 && (StoredInputs & (1UL << input)) != 0;

        public ImmutableArray<SinkEffect> SinksOf(int input) => input < Sinks.Length && !Sinks[input].IsDefault ? Sinks[input] : ImmutableArray<SinkEffect>.Empty;

        /// <summary>
        /// Adds a sink an input reaches: one effect per kind and recipient (and object the caller hands over, see
        /// <see cref="SinkEffect.ThroughInput"/>, and exception message or not, each exception's type apart, named by the
        /// first path to it), unguarded where any path to it is.
        /// </summary>
        public static ImmutableArray<SinkEffect> With(ImmutableArray<SinkEffect> effects, SinkEffect effect)
        {
            effects = effects.IsDefault ? ImmutableArray<SinkEffect>.Empty : effects;
            for (var i = 0; i < effects.Length; i++)
            {
                var existing = effects[i];
                // One reached through an object the caller hands over (a logger parameter) stays apart from one that is
                // not: a caller that gives no logger still reaches the other (and its path is the one to name).
                // An exception keeps its type apart (the call names each one its value may be put in), not each path to
                // it: the paths of a call graph can be many more than the types they end in.
                if (existing.Kind == effect.Kind && existing.Recipient == effect.Recipient && existing.ThroughInput == effect.ThroughInput && existing.IsException == effect.IsException
                    && (!existing.IsException || SameLastStep(existing.SinkName, effect.SinkName)))
                {
                    // An unguarded sink in any path or implementation is what a caller must hear about; sent in values
                    // of different types, the carrier is not known.
                    // Reached as the value itself on some path, it counts as the value (not as its text, nor as some
                    // of its members).
                    var kept = existing.Guarded && !effect.Guarded ? effect : existing;
                    var carrier = SymbolEqualityComparer.Default.Equals(existing.Carrier, effect.Carrier) ? kept.Carrier : null;
                    var asText = existing.AsText && effect.AsText;
                    var members = existing.Members.IsDefault || effect.Members.IsDefault ? default : existing.Members.Union(effect.Members).ToImmutableArray();
                    return ReferenceEquals(kept, existing) && SymbolEqualityComparer.Default.Equals(carrier, existing.Carrier) && asText == existing.AsText && SameMembers(members, existing.Members)
                        ? effects
                        : effects.SetItem(i, new SinkEffect(kept.Kind, kept.Channel, kept.Recipient, kept.PolicyRecipient, kept.SinkName, kept.Guarded, carrier, asText, members, existing.ThroughInput, existing.IsException));
                }
            }

            return effects.Add(effect);
        }

        /// <summary>True when two sink paths end in the same step: <c>A → new X</c> and <c>B → C → new X</c>.</summary>
        private static bool SameLastStep(string a, string b)
        {
            // The steps are joined with " → ".
            var startA = a.LastIndexOf('→') is var arrowA && arrowA < 0 ? 0 : arrowA + 2;
            var startB = b.LastIndexOf('→') is var arrowB && arrowB < 0 ? 0 : arrowB + 2;
            var length = a.Length - startA;
            return length == b.Length - startB && string.CompareOrdinal(a, startA, b, startB, length) == 0;
        }

        private static bool SameMembers(ImmutableArray<string> a, ImmutableArray<string> b) =>
            a.IsDefault ? b.IsDefault : !b.IsDefault && a.Length == b.Length;

        /// <summary>What any of several implementations may do: the union of their summaries.</summary>
        public static MethodSummary Union(MethodSummary a, MethodSummary b)
        {
            if (a.IsEmpty)
            {
                return b;
            }

            if (b.IsEmpty)
            {
                return a;
            }

            var length = System.Math.Max(a.Sinks.Length, b.Sinks.Length);
            var sinks = ImmutableArray.CreateBuilder<ImmutableArray<SinkEffect>>(length);
            for (var i = 0; i < length; i++)
            {
                var merged = a.SinksOf(i);
                foreach (var effect in b.SinksOf(i))
                {
                    merged = With(merged, effect);
                }

                sinks.Add(merged);
            }

            // What either implementation says an input holds: the caller's value is what it is, whichever runs.
            var identified = a.Identified.IsEmpty ? b.Identified : b.Identified.IsEmpty ? a.Identified : a.Identified.AddRange(b.Identified);
            var storedIn = a.StoredInInputs.IsEmpty ? b.StoredInInputs : b.StoredInInputs.IsEmpty ? a.StoredInInputs : a.StoredInInputs.AddRange(b.StoredInInputs);
            return new MethodSummary(Taint.Union(a.Returns, b.Returns), a.ReturnedInputs | b.ReturnedInputs, a.StoredInputs | b.StoredInputs, sinks.MoveToImmutable(), Parts.Union(a.ReturnParts, b.ReturnParts), identified, a.ChangedInputs | b.ChangedInputs, storedIn, a.ReturnedArgument == b.ReturnedArgument ? a.ReturnedArgument : null, Taint.Union(a.ReturnedStandIns, b.ReturnedStandIns));
        }
    }
}
