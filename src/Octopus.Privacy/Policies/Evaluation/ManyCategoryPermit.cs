namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>
/// A permit of several categories: the categories as decided (the policy's own names, in request order), each with
/// its permitting outcome, and the united obligations. It holds immutable values only, so a decision that reports it
/// says what was decided even if the caller's list changes, and keeps nothing of the policy alive.
/// </summary>
internal sealed class ManyCategoryPermit
{
    private readonly int[] _categories;
    private readonly string[] _names;
    private readonly DecisionOutcome[] _outcomes;
    private readonly int _purpose;
    private readonly int _recipient;
    private readonly ConsentLevel _level;
    private string? _explanation;

    public ManyCategoryPermit(int[] categories, string[] names, DecisionOutcome[] outcomes, IReadOnlyList<string> obligations, int purpose, int recipient, ConsentLevel level)
    {
        _categories = categories;
        _names = names;
        _outcomes = outcomes;
        Obligations = obligations;
        _purpose = purpose;
        _recipient = recipient;
        _level = level;
    }

    public IReadOnlyList<string> Obligations { get; }

    /// <summary>Gets the sentence, built the first time it is read; the inputs are immutable, so a race builds the same text.</summary>
    public string Explanation => _explanation ??= DecisionExplanations.PermitMany(_names, _outcomes, Obligations);

    /// <summary>Whether this permit answers the same categories, in the same order, for the same cell and level.</summary>
    public bool Answers(ReadOnlySpan<int> categories, int purpose, int recipient, ConsentLevel level) =>
        _purpose == purpose && _recipient == recipient && _level == level && categories.SequenceEqual(_categories);
}
