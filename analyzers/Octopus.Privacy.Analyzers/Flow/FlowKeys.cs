using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Flow
{
    /// <summary>
    /// Keys of the dataflow state besides locals, parameters and flow captures: the object a method runs on, one
    /// member of a holder (<c>dto.Email</c>), and everything stored in some member of a holder.
    /// </summary>
    internal static class FlowKeys
    {
        /// <summary>The object the analyzed method runs on (<c>this</c>).</summary>
        public static readonly object This = new ThisKey();

        public static object Member(object holder, ISymbol member) => new MemberKey(holder, member.OriginalDefinition);

        public static object Stored(object holder) => new StoredKey(holder);

        public static bool IsMember(object key) => key is MemberKey;

        /// <summary>True when <paramref name="key"/> is a member key of <paramref name="holder"/>.</summary>
        public static bool IsMemberOf(object key, object holder, out ISymbol? member)
        {
            if (key is MemberKey memberKey && FlowState.KeyComparer.Equals(memberKey.Holder, holder))
            {
                member = memberKey.Symbol;
                return true;
            }

            member = null;
            return false;
        }

        private sealed class ThisKey
        {
            public override string ToString() => "this";
        }

        private sealed class MemberKey
        {
            public MemberKey(object holder, ISymbol member)
            {
                Holder = holder;
                Symbol = member;
            }

            public object Holder { get; }

            public ISymbol Symbol { get; }

            public override bool Equals(object? obj) =>
                obj is MemberKey other && FlowState.KeyComparer.Equals(Holder, other.Holder) && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);

            public override int GetHashCode() => (FlowState.KeyComparer.GetHashCode(Holder) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(Symbol);
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
