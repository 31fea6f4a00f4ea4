using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Dataflow
{
    /// <summary>
    /// The dataflow state at one point of a control-flow graph: what each local, parameter and flow capture may
    /// carry (a may-analysis, joined by union), whether every path to here passed a successful consent check, and
    /// which locals hold a consent check's answer (must-analyses, joined by intersection).
    /// </summary>
    internal sealed class FlowState
    {
        public static readonly IEqualityComparer<object> KeyComparer = new FlowKeyComparer();

        public FlowState(ImmutableDictionary<object, ImmutableHashSet<TaintSource>> values, bool guarded, ImmutableHashSet<object> checkAnswers, bool hasMembers = false, ImmutableHashSet<ImmutableHashSet<string>>? guardPurposes = null)
        {
            Values = values;
            Guarded = guarded;
            CheckAnswers = checkAnswers;
            HasMembers = hasMembers;
            GuardPurposes = guardPurposes;
        }

        /// <summary>
        /// When <see cref="Guarded"/>: for each path that reaches here, the purposes its consent checks asked about
        /// (any of them can make a use lawful on that path); null when a check on some path had a purpose that is not
        /// known, which counts as a guard for every use.
        /// </summary>
        public ImmutableHashSet<ImmutableHashSet<string>>? GuardPurposes { get; private set; }

        /// <summary>Marks the state as reached without a successful check (a catch block, entered from anywhere).</summary>
        public void Unguard()
        {
            Guarded = false;
            GuardPurposes = null;
        }

        /// <summary>Adds a successful check for <paramref name="purpose"/> (null: not known) to every path reaching here.</summary>
        public void Guard(string? purpose)
        {
            if (purpose == null)
            {
                Guarded = true;
                GuardPurposes = null;
                return;
            }

            if (!Guarded)
            {
                Guarded = true;
                GuardPurposes = ImmutableHashSet.Create(PathsComparer, ImmutableHashSet.Create(StringComparer.Ordinal, purpose));
                return;
            }

            if (GuardPurposes != null)
            {
                GuardPurposes = GuardPurposes.Select(path => path.Add(purpose)).ToImmutableHashSet(PathsComparer);
            }
        }

        private static readonly IEqualityComparer<ImmutableHashSet<string>> PathsComparer = new PurposeSetComparer();

        private sealed class PurposeSetComparer : IEqualityComparer<ImmutableHashSet<string>>
        {
            public bool Equals(ImmutableHashSet<string>? x, ImmutableHashSet<string>? y) => x == null ? y == null : y != null && x.SetEquals(y);

            public int GetHashCode(ImmutableHashSet<string> obj)
            {
                var hash = 0;
                foreach (var purpose in obj)
                {
                    hash ^= StringComparer.Ordinal.GetHashCode(purpose);
                }

                return hash;
            }
        }

        public static FlowState Initial(bool guarded) => new FlowState(
            ImmutableDictionary.Create<object, ImmutableHashSet<TaintSource>>(KeyComparer),
            guarded,
            ImmutableHashSet.Create(KeyComparer));

        public ImmutableDictionary<object, ImmutableHashSet<TaintSource>> Values { get; private set; }

        public bool Guarded { get; set; }

        /// <summary>Locals and captures holding "permitted" (a bool) or a decision from a consent check.</summary>
        public ImmutableHashSet<object> CheckAnswers { get; private set; }

        /// <summary>
        /// True once a member of some holder has been set (<c>dto.Email = ...</c>) or something stored in one: only then
        /// are member keys and stored keys looked for.
        /// </summary>
        public bool HasMembers { get; private set; }

        [MethodImpl(Jit.Optimized)]
        public FlowState Copy() => new FlowState(Values, Guarded, CheckAnswers, HasMembers, GuardPurposes);

        [MethodImpl(Jit.Optimized)]
        public ImmutableHashSet<TaintSource> Get(object key) => Values.TryGetValue(key, out var taint) ? taint : Taint.Clean;

        [MethodImpl(Jit.Optimized)]
        public void Set(object key, ImmutableHashSet<TaintSource> taint)
        {
            if (taint.IsEmpty)
            {
                Values = Values.Remove(key);
                return;
            }

            Values = Values.SetItem(key, taint);
            HasMembers |= FlowKeys.IsMemberOrStored(key);
        }

        [MethodImpl(Jit.Optimized)]
        public void SetCheckAnswer(object key, bool isAnswer) =>
            CheckAnswers = isAnswer ? CheckAnswers.Add(key) : CheckAnswers.Remove(key);

        [MethodImpl(Jit.Optimized)]
        public static FlowState? Join(FlowState? a, FlowState? b)
        {
            if (a == null)
            {
                return b?.Copy();
            }

            if (b == null)
            {
                return a.Copy();
            }

            var values = a.Values;
            foreach (var pair in b.Values)
            {
                values = values.SetItem(pair.Key, Taint.Union(values.TryGetValue(pair.Key, out var existing) ? existing : Taint.Clean, pair.Value));
            }

            // Guarded on both paths; each path's checks must link the use, so the paths are kept side by side.
            var guarded = a.Guarded && b.Guarded;
            var purposes = !guarded || a.GuardPurposes == null || b.GuardPurposes == null ? null : a.GuardPurposes.Union(b.GuardPurposes);
            return new FlowState(values, guarded, a.CheckAnswers.Intersect(b.CheckAnswers), a.HasMembers || b.HasMembers, purposes);
        }

        [MethodImpl(Jit.Optimized)]
        public bool SameAs(FlowState other)
        {
            if (Guarded != other.Guarded || Values.Count != other.Values.Count || !CheckAnswers.SetEquals(other.CheckAnswers)
                || (GuardPurposes == null) != (other.GuardPurposes == null) || (GuardPurposes != null && !GuardPurposes.SetEquals(other.GuardPurposes!)))
            {
                return false;
            }

            foreach (var pair in Values)
            {
                if (!other.Values.TryGetValue(pair.Key, out var taint) || !taint.SetEquals(pair.Value))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class FlowKeyComparer : IEqualityComparer<object>
        {
            [MethodImpl(Jit.Optimized)]
            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

            [MethodImpl(Jit.Optimized)]
            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
        }
    }
}
