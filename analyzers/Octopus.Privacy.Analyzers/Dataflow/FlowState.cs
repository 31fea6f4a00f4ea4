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

        private FlowState(Dictionary<object, TaintSet> values, bool shared, bool guarded, ImmutableHashSet<object> checkAnswers, bool hasMembers, ImmutableHashSet<ImmutableHashSet<string>>? guardPurposes)
        {
            _values = values;
            _shared = shared;
            Guarded = guarded;
            CheckAnswers = checkAnswers;
            HasMembers = hasMembers;
            GuardPurposes = guardPurposes;
        }

        // What each key may carry. States are copied at every block and most copies are only read, so a copy shares
        // its original's dictionary, and whichever of them is written first copies it (_shared).
        private Dictionary<object, TaintSet> _values;
        private bool _shared;

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
            new Dictionary<object, TaintSet>(KeyComparer),
            shared: false,
            guarded,
            ImmutableHashSet.Create(KeyComparer),
            hasMembers: false,
            guardPurposes: null);

        /// <summary>What each local, parameter, capture and member key may carry; only keys that carry something.</summary>
        public IReadOnlyDictionary<object, TaintSet> Values => _values;

        public bool Guarded { get; set; }

        /// <summary>Locals and captures holding "permitted" (a bool) or a decision from a consent check.</summary>
        public ImmutableHashSet<object> CheckAnswers { get; private set; }

        /// <summary>
        /// True once a member of some holder has been set (<c>dto.Email = ...</c>) or something stored in one: only then
        /// are member keys and stored keys looked for.
        /// </summary>
        public bool HasMembers { get; private set; }

        public FlowState Copy()
        {
            _shared = true;
            return new FlowState(_values, shared: true, Guarded, CheckAnswers, HasMembers, GuardPurposes);
        }

        public TaintSet Get(object key) => _values.TryGetValue(key, out var taint) ? taint : Taint.Clean;

        public void Set(object key, TaintSet taint)
        {
            if (taint.IsEmpty)
            {
                if (_values.ContainsKey(key))
                {
                    Own().Remove(key);
                }

                return;
            }

            if (!_values.TryGetValue(key, out var existing) || !ReferenceEquals(existing, taint))
            {
                Own()[key] = taint;
            }

            HasMembers |= FlowKeys.IsMemberOrStored(key);
        }

        private Dictionary<object, TaintSet> Own()
        {
            if (_shared)
            {
                _values = new Dictionary<object, TaintSet>(_values, KeyComparer);
                _shared = false;
            }

            return _values;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void SetCheckAnswer(object key, bool isAnswer) =>
            CheckAnswers = isAnswer ? CheckAnswers.Add(key) : CheckAnswers.Remove(key);

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

            var values = new Dictionary<object, TaintSet>(a._values, KeyComparer);
            foreach (var pair in b._values)
            {
                values[pair.Key] = values.TryGetValue(pair.Key, out var existing) ? Taint.Union(existing, pair.Value) : pair.Value;
            }

            // Guarded on both paths; each path's checks must link the use, so the paths are kept side by side.
            var guarded = a.Guarded && b.Guarded;
            var purposes = !guarded || a.GuardPurposes == null || b.GuardPurposes == null ? null : Union(a.GuardPurposes, b.GuardPurposes);
            return new FlowState(values, shared: false, guarded, Intersect(a.CheckAnswers, b.CheckAnswers), a.HasMembers || b.HasMembers, purposes);
        }

        public bool SameAs(FlowState other)
        {
            if (Guarded != other.Guarded || _values.Count != other._values.Count || !SetEquals(CheckAnswers, other.CheckAnswers)
                || (GuardPurposes == null) != (other.GuardPurposes == null) || (GuardPurposes != null && !SetEquals(GuardPurposes, other.GuardPurposes!)))
            {
                return false;
            }

            if (ReferenceEquals(_values, other._values))
            {
                return true;
            }

            foreach (var pair in _values)
            {
                if (!other._values.TryGetValue(pair.Key, out var taint) || !taint.SetEquals(pair.Value))
                {
                    return false;
                }
            }

            return true;
        }

        // The immutable sets' operations stay out of line: inlined, their trees of nodes made each method that
        // used them several times as costly to compile.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ImmutableHashSet<object> Intersect(ImmutableHashSet<object> a, ImmutableHashSet<object> b) =>
            a.IsEmpty || ReferenceEquals(a, b) ? a : a.Intersect(b);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ImmutableHashSet<ImmutableHashSet<string>> Union(ImmutableHashSet<ImmutableHashSet<string>> a, ImmutableHashSet<ImmutableHashSet<string>> b) =>
            ReferenceEquals(a, b) ? a : a.Union(b);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool SetEquals<T>(ImmutableHashSet<T> a, ImmutableHashSet<T> b) => ReferenceEquals(a, b) || a.SetEquals(b);

        private sealed class FlowKeyComparer : IEqualityComparer<object>
        {
            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
        }
    }
}
