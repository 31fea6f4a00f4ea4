namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>
/// A permit of several categories: a copy of the categories as requested, each with its permitting outcome, and the
/// united obligations. Owned by the decision, so the explanation says what was decided even if the caller's list changes.
/// </summary>
internal sealed class ManyCategoryPermit
{
    private readonly string[] _categories;
    private readonly DecisionOutcome[] _outcomes;
    private string? _explanation;

    public ManyCategoryPermit(string[] categories, DecisionOutcome[] outcomes, IReadOnlyList<string> obligations)
    {
        _categories = categories;
        _outcomes = outcomes;
        Obligations = obligations;
    }

    public IReadOnlyList<string> Obligations { get; }

    /// <summary>Gets the sentence, built the first time it is read; the inputs are immutable, so a race builds the same text.</summary>
    public string Explanation => _explanation ??= DecisionExplanations.PermitMany(_categories, _outcomes, Obligations);
}
