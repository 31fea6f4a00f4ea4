namespace Octopus.Privacy.Policies.Parsing;

/// <summary>
/// Resolves category selectors (<c>contact</c> matches <c>contact</c> and every <c>contact.*</c>) to the indices of
/// the declared categories they match. Each distinct selector is resolved once.
/// </summary>
internal sealed class CategorySelectors
{
    private readonly IReadOnlyList<PolicyCategory> _categories;
    private readonly Dictionary<string, int[]> _resolved = new(StringComparer.Ordinal);

    public CategorySelectors(IReadOnlyList<PolicyCategory> categories)
    {
        _categories = categories;
    }

    /// <summary>The indices of the categories the selector matches, in declaration order; empty when none.</summary>
    public int[] Resolve(string selector)
    {
        if (!_resolved.TryGetValue(selector, out var indices))
        {
            var matches = new List<int>();
            for (var i = 0; i < _categories.Count; i++)
            {
                if (PolicyNames.SelectorMatches(selector, _categories[i].Name))
                {
                    matches.Add(i);
                }
            }

            indices = [.. matches];
            _resolved.Add(selector, indices);
        }

        return indices;
    }
}
