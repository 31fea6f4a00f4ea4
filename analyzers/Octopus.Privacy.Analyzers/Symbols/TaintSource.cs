using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>One personal member a value may carry: <c>Customer.Email (contact.email)</c>.</summary>
    internal sealed class TaintSource : IEquatable<TaintSource>
    {
        private const string InputCategory = "#input";

        private static readonly TaintSource[] Inputs = Enumerable.Range(0, 64).Select(i => new TaintSource("#" + i, InputCategory, false, null, false) { Input = i }).ToArray();

        private static readonly TaintSource[] TextInputs = Enumerable.Range(0, 64).Select(i => new TaintSource("#" + i + ".text", InputCategory, false, null, false) { Input = i, IsText = true }).ToArray();

        /// <summary>The stand-ins for text members of each input, by the member's name: made once per name and input.</summary>
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaintSource>?[] MemberInputs = new System.Collections.Concurrent.ConcurrentDictionary<string, TaintSource>?[64];

        public TaintSource(string member, string category, bool isPolicyCategory, Location? location, bool isClassification = false, bool passesOnlyAsString = false)
        {
            Member = member;
            Category = category;
            IsPolicyCategory = isPolicyCategory;
            Location = location;
            IsClassification = isClassification;
            PassesOnlyAsString = passesOnlyAsString;
            Input = -1;
        }

        /// <summary>
        /// True for a value known only by what the method does with it as a string (a password it hands to Identity): a
        /// call passes it on only in a string argument, and a callee's result carries it only from one. Inside an object
        /// (a form that also holds the e-mail address) a callee's summary, which tells an input's members apart only by
        /// type, would name it wherever the callee writes any member.
        /// </summary>
        public bool PassesOnlyAsString { get; }

        /// <summary>
        /// True for the stand-in of a method's input while its summary is computed (input 0 is the receiver,
        /// parameter i is input i + 1); never reported.
        /// </summary>
        public bool IsInput => ReferenceEquals(Category, InputCategory);

        /// <summary>
        /// True for the stand-in of an input's text, where its type does not say what that text is (<c>evt.ToString()</c>
        /// of an <c>object</c>): a caller counts what its argument's type prints.
        /// </summary>
        public bool IsText { get; private set; }

        /// <summary>The stand-in for the text of input <paramref name="index"/>, or null past the 64 inputs a summary tracks.</summary>
        public static TaintSource? ForTextOfInput(int index) => index >= 0 && index < TextInputs.Length ? TextInputs[index] : null;

        /// <summary>
        /// For the stand-in of an input's text member read in the method (<c>request.UserInput</c>), the member's name:
        /// a caller counts what that member of its argument carries, not all the argument holds (a request that also
        /// carries the thread and its user). Null for the input itself.
        /// </summary>
        public string? ThroughMember { get; private set; }

        /// <summary>
        /// The stand-in for the text member <paramref name="member"/> of input <paramref name="index"/> (see
        /// <see cref="ThroughMember"/>), or null past the 64 inputs a summary tracks.
        /// </summary>
        public static TaintSource? ForMemberOfInput(int index, string member)
        {
            if (index < 0 || index >= MemberInputs.Length)
            {
                return null;
            }

            var byName = System.Threading.Volatile.Read(ref MemberInputs[index]);
            if (byName == null)
            {
                byName = new System.Collections.Concurrent.ConcurrentDictionary<string, TaintSource>(StringComparer.Ordinal);
                byName = System.Threading.Interlocked.CompareExchange(ref MemberInputs[index], byName, null) ?? byName;
            }

            return byName.TryGetValue(member, out var known)
                ? known
                : byName.GetOrAdd(member, new TaintSource("#" + index + "." + member, InputCategory, false, null, false) { Input = index, ThroughMember = member });
        }

        /// <summary>The input index of a stand-in.</summary>
        public int Input { get; private set; }

        /// <summary>True when the source is a Microsoft.Extensions.Compliance data classification (redacted by that pipeline).</summary>
        public bool IsClassification { get; }

        /// <summary>The stand-in for input <paramref name="index"/>, or null past the 64 inputs a summary tracks.</summary>
        public static TaintSource? ForInput(int index) => index >= 0 && index < Inputs.Length ? Inputs[index] : null;

        /// <summary>The member as a person reads it, such as <c>Customer.Email</c>.</summary>
        public string Member { get; }

        /// <summary>The category: a policy category from [Pii], or a description for other classifications.</summary>
        public string Category { get; }

        /// <summary>True when <see cref="Category"/> comes from [Pii] and can be looked up in the policy.</summary>
        public bool IsPolicyCategory { get; }

        /// <summary>The member's declaration in source, or null when it comes from metadata.</summary>
        public Location? Location { get; }

        /// <summary>
        /// True when the value is not the member's content but an object that holds it (a <c>Customer</c>, a list of
        /// them, a query over entities that reference one): what is written of it depends on how it is written (its
        /// text, a serializer), and a member read from it carries the member only when it is that member.
        /// </summary>
        public bool InObject { get; private set; }

        /// <summary>
        /// The member's name without its type: <c>Email</c> for <c>IdentityUser.Email</c>; for a value stored in a member
        /// of a plain data object, that member's name (<see cref="HeldIn"/>).
        /// </summary>
        public string Name => _name ??= HeldIn ?? Member.Substring(Member.LastIndexOf('.') + 1);

        /// <summary>
        /// For this source as stored in a member of a plain data object of the application's
        /// (<c>new UserRow { Contact = user.Email }</c>, then the rows as a whole), that member's name: a member read
        /// from the object carries it only when it is that member (<c>row.Role</c> does not), as any other source held
        /// in an object; null for every other source.
        /// </summary>
        public string? HeldIn { get; private set; }

        private string? _name;
        private TaintSource? _twin;
        private System.Collections.Concurrent.ConcurrentDictionary<string, TaintSource>? _heldIn;

        /// <summary>
        /// This value as stored in <paramref name="member"/> of a plain data object (see <see cref="HeldIn"/>); a source
        /// already held in an object, or an input's stand-in, is itself.
        /// </summary>
        public TaintSource InMember(string member)
        {
            if (InObject || IsInput)
            {
                return this;
            }

            var byName = System.Threading.Volatile.Read(ref _heldIn);
            if (byName == null)
            {
                byName = new System.Collections.Concurrent.ConcurrentDictionary<string, TaintSource>(StringComparer.Ordinal);
                byName = System.Threading.Interlocked.CompareExchange(ref _heldIn, byName, null) ?? byName;
            }

            return byName.TryGetValue(member, out var known)
                ? known
                : byName.GetOrAdd(member, new TaintSource(Member, Category, IsPolicyCategory, Location, IsClassification, PassesOnlyAsString) { InObject = true, HeldIn = member, _twin = this, Input = Input });
        }

        /// <summary>This source as held inside an object (<see cref="InObject"/>).</summary>
        public TaintSource Held => InObject || IsInput ? this : Twin();

        /// <summary>This source as the member's own content.</summary>
        public TaintSource Value => InObject ? Twin() : this;

        private TaintSource Twin()
        {
            // A benign race: two threads may each make a twin; they are equal, and one of them is kept.
            return _twin ??= new TaintSource(Member, Category, IsPolicyCategory, Location, IsClassification, PassesOnlyAsString) { InObject = !InObject, _twin = this, Input = Input };
        }

        public bool Equals(TaintSource? other) =>
            other != null && InObject == other.InObject && Member == other.Member && Category == other.Category && HeldIn == other.HeldIn;

        public override bool Equals(object? obj) => Equals(obj as TaintSource);

        public override int GetHashCode() => (((((Member.GetHashCode() * 31) + Category.GetHashCode()) * 31) + (HeldIn?.GetHashCode() ?? 0)) * 2) + (InObject ? 1 : 0);

        public override string ToString() => Member + " (" + Category + ")";
    }

    /// <summary>What a value may carry: a set of sources, empty when the value is clean.</summary>
    internal static class Taint
    {
        public static readonly TaintSet Clean = TaintSet.Empty;

        public static TaintSet Union(TaintSet a, TaintSet b) =>
            a.IsEmpty ? b : b.IsEmpty ? a : a.Union(b);

        /// <summary>The sources as held inside an object.</summary>
        public static TaintSet Held(TaintSet taint)
        {
            foreach (var source in taint)
            {
                if (!source.InObject && !source.IsInput)
                {
                    return taint.Select(t => t.Held);
                }
            }

            return taint;
        }

        /// <summary>
        /// The sources with those held in a member of a plain data object (<see cref="TaintSource.HeldIn"/>) as values:
        /// what text made of any member of the object may carry.
        /// </summary>
        public static TaintSet Unheld(TaintSet taint)
        {
            foreach (var source in taint)
            {
                if (source.HeldIn != null)
                {
                    return taint.Select(t => t.HeldIn != null ? t.Value : t);
                }
            }

            return taint;
        }

        /// <summary>The real sources of a value, without the stand-ins for a summarized method's inputs.</summary>
        public static TaintSet WithoutInputs(TaintSet taint) => taint.Where(t => !t.IsInput);
    }
}
