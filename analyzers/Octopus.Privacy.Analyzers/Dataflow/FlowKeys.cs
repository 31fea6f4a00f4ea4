using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// Keys of the dataflow state besides locals, parameters and flow captures: the object a method runs on, one
    /// member of a holder (<c>dto.Email</c>), and everything stored in some member of a holder.
    /// </summary>
    internal static class FlowKeys
    {
        /// <summary>The object the analyzed method runs on (<c>this</c>).</summary>
        public static readonly object This = new ThisKey();

        public static object Member(object holder, ISymbol member) => new MemberKey(holder, PartOf(member));

        /// <summary>One part of a holder: a member symbol, or the index of a tuple element (Item1 and its name are one part).</summary>
        public static object Member(object holder, object part) => new MemberKey(holder, part);

        /// <summary>Element <paramref name="index"/> of a tuple holder.</summary>
        public static object Element(object holder, int index) => new MemberKey(holder, index);

        /// <summary>The index of a tuple element field (<c>t.Item2</c>, <c>t.Claims</c>), or -1.</summary>
        public static int TupleIndex(ISymbol member)
        {
            if (member is IFieldSymbol field && field.ContainingType?.IsTupleType == true)
            {
                var name = (field.CorrespondingTupleField ?? field).Name;
                if (name.StartsWith("Item", System.StringComparison.Ordinal) && int.TryParse(name.Substring(4), out var number))
                {
                    return number - 1;
                }
            }

            return -1;
        }

        private static object PartOf(ISymbol member) => TupleIndex(member) is var index && index >= 0 ? index : (object)member.OriginalDefinition;

        public static object Stored(object holder) => new StoredKey(holder);

        public static bool IsMemberOrStored(object key) => key is MemberKey || key is StoredKey;

        /// <summary>True when <paramref name="key"/> is a member key of <paramref name="holder"/>.</summary>
        public static bool IsMemberOf(object key, object holder, out object? member)
        {
            if (key is MemberKey memberKey && FlowState.KeyComparer.Equals(memberKey.Holder, holder))
            {
                member = memberKey.Part;
                return true;
            }

            member = null;
            return false;
        }

        /// <summary>True for <see cref="This"/> and for a member (of a member) of it.</summary>
        public static bool IsRootedAtThis(object key)
        {
            while (key is MemberKey member)
            {
                key = member.Holder;
            }

            return ReferenceEquals(key, This);
        }

        /// <summary>
        /// The root of a key (a local, a parameter, <see cref="This"/>) and the parts read from it, outermost first
        /// (<c>user.Profile.Email</c>: <c>user</c>, then <c>Profile</c>, <c>Email</c>).
        /// </summary>
        public static object RootOf(object key, System.Collections.Generic.List<object> parts)
        {
            parts.Clear();
            while (key is MemberKey member)
            {
                parts.Add(member.Part);
                key = member.Holder;
            }

            parts.Reverse();
            return key;
        }

        /// <summary>The key of <paramref name="parts"/> read from <paramref name="root"/> (the inverse of <see cref="RootOf"/>).</summary>
        public static object Under(object root, System.Collections.Immutable.ImmutableArray<object> parts)
        {
            var key = root;
            foreach (var part in parts)
            {
                key = new MemberKey(key, part);
            }

            return key;
        }

        private sealed class ThisKey
        {
            public override string ToString() => "this";
        }

        private sealed class MemberKey
        {
            public MemberKey(object holder, object part)
            {
                Holder = holder;
                Part = part;
            }

            public object Holder { get; }

            /// <summary>A member symbol, or a boxed tuple element index.</summary>
            public object Part { get; }

            public override bool Equals(object? obj) =>
                obj is MemberKey other && FlowState.KeyComparer.Equals(Holder, other.Holder) && FlowState.KeyComparer.Equals(Part, other.Part);

            public override int GetHashCode() => (FlowState.KeyComparer.GetHashCode(Holder) * 397) ^ FlowState.KeyComparer.GetHashCode(Part);
        }

        private sealed class StoredKey
        {
            public StoredKey(object holder)
            {
                Holder = holder;
            }

            public object Holder { get; }

            public override bool Equals(object? obj) => obj is StoredKey other && FlowState.KeyComparer.Equals(Holder, other.Holder);

            public override int GetHashCode() => FlowState.KeyComparer.GetHashCode(Holder) ^ 0x5bd1e995;
        }
    }
}
