using System;
using System.Collections;
using System.Collections.Generic;

namespace Octopus.Privacy.Analyzers.Symbols
{
    /// <summary>
    /// What a value may carry: an immutable set of sources, in the order they were first added; empty when the
    /// value is clean.
    /// </summary>
    /// <remarks>
    /// A value carries a handful of sources at most (a whole entity some dozens), so the set is an array searched
    /// from end to end. It replaced <c>ImmutableHashSet</c>, whose tree of buckets the runtime copied into every
    /// optimized method that touched a set: compiling those methods was most of what the analyzer cost a small
    /// project (docs/benchmarks.md).
    /// </remarks>
    internal sealed class TaintSet : IEnumerable<TaintSource>
    {
        /// <summary>Above this many sources, a union or a difference looks members up in a hash set.</summary>
        private const int LinearLimit = 16;

        private readonly TaintSource[] _items;

        private TaintSet(TaintSource[] items) => _items = items;

        /// <summary>The set of no sources.</summary>
        public static TaintSet Empty { get; } = new TaintSet(Array.Empty<TaintSource>());

        public int Count => _items.Length;

        public bool IsEmpty => _items.Length == 0;

        /// <summary>The set of the distinct sources of <paramref name="sources"/>.</summary>
        public static TaintSet From(IEnumerable<TaintSource> sources)
        {
            if (sources is TaintSet set)
            {
                return set;
            }

            return Empty.Union(sources);
        }

        public bool Contains(TaintSource source)
        {
            var items = _items;
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i].Equals(source))
                {
                    return true;
                }
            }

            return false;
        }

        public TaintSet Add(TaintSource source)
        {
            if (Contains(source))
            {
                return this;
            }

            var items = new TaintSource[_items.Length + 1];
            Array.Copy(_items, items, _items.Length);
            items[_items.Length] = source;
            return new TaintSet(items);
        }

        /// <summary>This set and the sources of <paramref name="other"/> it does not hold yet.</summary>
        public TaintSet Union(IEnumerable<TaintSource> other)
        {
            if (other is TaintSet set)
            {
                if (set.IsEmpty || ReferenceEquals(set, this))
                {
                    return this;
                }

                if (IsEmpty)
                {
                    return set;
                }
            }

            List<TaintSource>? added = null;
            HashSet<TaintSource>? lookup = null;
            foreach (var source in other)
            {
                if (lookup == null && _items.Length + (added?.Count ?? 0) > LinearLimit)
                {
                    lookup = new HashSet<TaintSource>(_items);
                    lookup.UnionWith(added ?? (IEnumerable<TaintSource>)Array.Empty<TaintSource>());
                }

                if (lookup != null ? lookup.Add(source) : !Contains(source) && (added == null || !added.Contains(source)))
                {
                    (added ??= new List<TaintSource>()).Add(source);
                }
            }

            if (added == null)
            {
                return this;
            }

            var items = new TaintSource[_items.Length + added.Count];
            Array.Copy(_items, items, _items.Length);
            added.CopyTo(items, _items.Length);
            return new TaintSet(items);
        }

        /// <summary>This set without the sources of <paramref name="other"/>.</summary>
        public TaintSet Except(IEnumerable<TaintSource> other)
        {
            var removed = other as TaintSet ?? From(other);
            return removed.IsEmpty || IsEmpty ? this : Where(source => !removed.Contains(source));
        }

        /// <summary>The sources of this set that <paramref name="other"/> holds too.</summary>
        public TaintSet Intersect(IEnumerable<TaintSource> other)
        {
            var kept = other as TaintSet ?? From(other);
            return kept.IsEmpty ? Empty : Where(kept.Contains);
        }

        /// <summary>This set without <paramref name="source"/>.</summary>
        public TaintSet Remove(TaintSource source) => Contains(source) ? Where(s => !s.Equals(source)) : this;

        /// <summary>True when both sets hold the same sources, in any order.</summary>
        public bool SetEquals(TaintSet other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other._items.Length != _items.Length)
            {
                return false;
            }

            if (_items.Length > LinearLimit)
            {
                return new HashSet<TaintSource>(_items).SetEquals(other._items);
            }

            foreach (var source in other._items)
            {
                if (!Contains(source))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The sources that satisfy <paramref name="predicate"/>; this set itself when all do.</summary>
        public TaintSet Where(Func<TaintSource, bool> predicate)
        {
            List<TaintSource>? kept = null;
            for (var i = 0; i < _items.Length; i++)
            {
                var keep = predicate(_items[i]);
                if (kept == null && !keep)
                {
                    kept = new List<TaintSource>(_items.Length);
                    for (var j = 0; j < i; j++)
                    {
                        kept.Add(_items[j]);
                    }
                }
                else if (kept != null && keep)
                {
                    kept.Add(_items[i]);
                }
            }

            return kept == null ? this : kept.Count == 0 ? Empty : new TaintSet(kept.ToArray());
        }

        /// <summary>True when some source satisfies <paramref name="predicate"/>.</summary>
        public bool Any(Func<TaintSource, bool> predicate)
        {
            foreach (var source in _items)
            {
                if (predicate(source))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The set of each source mapped by <paramref name="selector"/>.</summary>
        public TaintSet Select(Func<TaintSource, TaintSource> selector)
        {
            var result = Empty;
            foreach (var source in _items)
            {
                result = result.Add(selector(source));
            }

            return result;
        }

        public Enumerator GetEnumerator() => new Enumerator(_items);

        IEnumerator<TaintSource> IEnumerable<TaintSource>.GetEnumerator() => ((IEnumerable<TaintSource>)_items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        public override string ToString() => "{" + string.Join(", ", (IEnumerable<TaintSource>)_items) + "}";

        /// <summary>Walks the set's array without allocating.</summary>
        public struct Enumerator
        {
            private readonly TaintSource[] _items;
            private int _index;

            internal Enumerator(TaintSource[] items)
            {
                _items = items;
                _index = -1;
            }

            public TaintSource Current => _items[_index];

            public bool MoveNext() => ++_index < _items.Length;
        }
    }
}
