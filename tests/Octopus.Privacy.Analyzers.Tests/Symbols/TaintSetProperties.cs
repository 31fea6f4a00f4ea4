using FsCheck;
using FsCheck.Xunit;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Tests.Symbols;

/// <summary>
/// The dataflow's set of sources against a hash set of the same sources: every operation the analysis uses, on
/// sets below and above the size where the set starts to look members up by hash.
/// </summary>
public sealed class TaintSetProperties
{
    // Forty members, each as a value and as held in an object (a different source with the same name): enough for
    // sets on both sides of the linear search's limit, and for values and their held twins to meet.
    private static readonly TaintSource[] Universe = Enumerable.Range(0, 40)
        .Select(i => new TaintSource("Customer.Member" + i, i % 3 == 0 ? "contact" : "identity", isPolicyCategory: true, location: null))
        .SelectMany(s => new[] { s, s.Held })
        .ToArray();

    private static TaintSource[] Sources(int[] indexes) => indexes.Select(i => Universe[(int)((uint)i % (uint)Universe.Length)]).ToArray();

    private static TaintSet Build(TaintSource[] sources) => sources.Aggregate(TaintSet.Empty, (set, source) => set.Add(source));

    private static bool Same(TaintSet actual, IEnumerable<TaintSource> expected)
    {
        var model = new HashSet<TaintSource>(expected);
        return actual.Count == model.Count && model.SetEquals(actual) && actual.Distinct().Count() == actual.Count;
    }

    [Property(MaxTest = 300)]
    public bool Add_and_from_hold_each_distinct_source_once_in_the_order_first_added(int[] indexes)
    {
        var sources = Sources(indexes);
        var built = Build(sources);
        return Same(built, sources)
            && built.SequenceEqual(sources.Distinct())
            && TaintSet.From(sources).SequenceEqual(sources.Distinct())
            && sources.All(built.Contains)
            && Universe.Except(sources).All(s => !built.Contains(s));
    }

    [Property(MaxTest = 300)]
    public bool Union_except_intersect_and_remove_agree_with_a_hash_set(int[] left, int[] right, bool large)
    {
        // Large: past the linear search's limit from the start.
        var a = large ? Universe.Take(20).Concat(Sources(left)).ToArray() : Sources(left);
        var b = Sources(right);
        var setA = Build(a);
        var setB = Build(b);
        var union = setA.Union(setB);
        var unionOfSequence = setA.Union(b.Concat(b.Reverse()));
        var except = setA.Except(setB);
        var intersect = setA.Intersect(setB);
        var removed = b.Aggregate(setA, (set, source) => set.Remove(source));
        return Same(union, a.Concat(b))
            && union.SequenceEqual(a.Concat(b).Distinct())
            && Same(unionOfSequence, a.Concat(b))
            && Same(except, a.Except(b))
            && Same(intersect, a.Intersect(b))
            && Same(removed, a.Except(b));
    }

    [Property(MaxTest = 300)]
    public bool Set_equality_ignores_order_and_repetition(int[] left, int[] right, bool large)
    {
        var common = large ? Universe.Skip(40).Take(20).ToArray() : [];
        var a = common.Concat(Sources(left)).ToArray();
        var b = Sources(right).Concat(common).ToArray();
        var expected = new HashSet<TaintSource>(a).SetEquals(b);
        return Build(a).SetEquals(Build(b)) == expected
            && Build(a).SetEquals(Build(a.Reverse().ToArray()))
            && Build(a).SetEquals(Build(a.Concat(a).ToArray()));
    }

    [Property(MaxTest = 300)]
    public bool Where_any_and_select_agree_with_linq(int[] indexes, int modulus)
    {
        var sources = Sources(indexes);
        var set = Build(sources);
        var m = (int)((uint)modulus % 5) + 1;
        Func<TaintSource, bool> predicate = s => s.Member.Length % m == 0 || s.InObject;
        var kept = set.Where(predicate);
        return Same(kept, sources.Where(predicate))
            && (kept.Count != set.Count || ReferenceEquals(kept, set))
            && set.Any(predicate) == sources.Any(predicate)
            && Same(set.Select(s => s.Value), sources.Select(s => s.Value));
    }

    [Fact]
    public void An_operation_that_changes_nothing_returns_the_same_set()
    {
        var set = Build(Universe.Take(20).ToArray());
        var sameAgain = Build(Universe.Take(5).ToArray());

        Assert.Same(set, set.Add(Universe[3]));
        Assert.Same(set, set.Union(sameAgain));
        Assert.Same(set, set.Union(TaintSet.Empty));
        Assert.Same(set, TaintSet.Empty.Union(set));
        Assert.Same(set, set.Except(TaintSet.Empty));
        Assert.Same(set, set.Remove(Universe[30]));
        Assert.Same(set, set.Where(_ => true));
        Assert.Same(TaintSet.Empty, set.Where(_ => false));
    }
}
