namespace Octopus.Privacy.Policies.Validation;

/// <summary>
/// Resolves category selectors: <c>contact</c> matches <c>contact</c> and every <c>contact.*</c>. Built once from the
/// declared categories by registering each category under itself and each of its dotted ancestors, so resolving a
/// selector is one lookup, and building costs the total length of the names.
/// </summary>
internal sealed class CategoryHierarchy
{
    private readonly Dictionary<string, List<int>> _matches = new(StringComparer.Ordinal);

    public CategoryHierarchy(IReadOnlyList<PolicyCategory> categories)
    {
        for (var i = 0; i < categories.Count; i++)
        {
            var name = categories[i].Name;
            Register(name, i);
            for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
            {
                Register(name[..dot], i);
            }
        }
    }

    /// <summary>The indices of the categories the selector matches, in declaration order; empty when none.</summary>
    public IReadOnlyList<int> Resolve(string selector) =>
        _matches.TryGetValue(selector, out var indices) ? indices : [];

    private void Register(string selector, int index)
    {
        if (!_matches.TryGetValue(selector, out var indices))
        {
            indices = [];
            _matches.Add(selector, indices);
        }

        indices.Add(index);
    }
}
