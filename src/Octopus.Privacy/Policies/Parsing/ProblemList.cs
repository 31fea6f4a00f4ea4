namespace Octopus.Privacy.Policies.Parsing;

/// <summary>
/// The problems found in one document. Keeps the first <see cref="PolicyLimits.MaxReportedProblems"/> and counts the
/// rest, so that a document with a million mistakes costs no more memory than one with a thousand.
/// </summary>
internal sealed class ProblemList
{
    private readonly List<PolicyProblem> _problems = [];

    /// <summary>Gets the number of problems found, listed or not.</summary>
    public int Count { get; private set; }

    /// <summary>Gets a value indicating whether the next problem will be listed; when not, callers need not locate it.</summary>
    public bool Accepting => _problems.Count < PolicyLimits.MaxReportedProblems;

    public void Add(PolicyProblem problem)
    {
        Count++;
        if (Accepting)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>Counts a problem that will not be listed.</summary>
    public void Skip() => Count++;

    /// <summary>The listed problems in document order, then one entry for those left out.</summary>
    public IReadOnlyList<PolicyProblem> ToList()
    {
        var list = new List<PolicyProblem>(_problems);
        list.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        if (Count > list.Count)
        {
            var more = Count - list.Count;
            list.Add(new PolicyProblem("$", 0, 0, $"... and {more} more problem{(more == 1 ? string.Empty : "s")} not listed; the first {list.Count} are."));
        }

        return list.AsReadOnly();
    }
}
