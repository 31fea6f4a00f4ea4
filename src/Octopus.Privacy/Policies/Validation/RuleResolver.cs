namespace Octopus.Privacy.Policies.Validation;

/// <summary>
/// Resolves the names a rule uses to what the compiled policy decides with: category selectors (a name or a parent
/// of names) to the declared categories they match, purposes and recipients to their indices, obligations to bits.
/// It judges nothing: the validator reports what does not resolve, and asks only for what does.
/// </summary>
internal sealed class RuleResolver
{
    private readonly List<PolicyCategory> _categories;
    private readonly CategoryHierarchy _hierarchy;
    private readonly Dictionary<string, int> _purposes;
    private readonly Dictionary<string, int> _recipients;
    private readonly Dictionary<string, int> _obligations = new(StringComparer.Ordinal);

    public RuleResolver(List<PolicyCategory> categories, Dictionary<string, int> purposes, Dictionary<string, int> recipients)
    {
        _categories = categories;
        _hierarchy = new CategoryHierarchy(categories);
        _purposes = purposes;
        _recipients = recipients;
    }

    /// <summary>Gets the distinct obligation names of the policy, in the order of their bits.</summary>
    public List<string> ObligationNames { get; } = [];

    public bool IsCategory(string selector) => _hierarchy.Resolve(selector).Count > 0;

    public bool IsPurpose(string name) => _purposes.ContainsKey(name);

    public bool IsRecipient(string name) => _recipients.ContainsKey(name);

    /// <summary>The declared categories the selectors match (all when null) and the personal filter keeps, each once, in declaration order.</summary>
    public int[] MatchCategories(List<string>? selectors, bool? personal)
    {
        var matched = new bool[_categories.Count];
        if (selectors is null)
        {
            Array.Fill(matched, true);
        }
        else
        {
            foreach (var selector in selectors)
            {
                foreach (var index in _hierarchy.Resolve(selector))
                {
                    matched[index] = true;
                }
            }
        }

        var result = new List<int>();
        for (var i = 0; i < matched.Length; i++)
        {
            if (matched[i] && (personal is null || _categories[i].IsPersonal == personal))
            {
                result.Add(i);
            }
        }

        return [.. result];
    }

    /// <summary>The bit of an obligation name, numbering a new name; false when a new name would pass <see cref="PolicyLimits.MaxObligations"/>.</summary>
    public bool TryObligation(string name, out ulong bit)
    {
        if (!_obligations.TryGetValue(name, out var index))
        {
            if (_obligations.Count >= PolicyLimits.MaxObligations)
            {
                bit = 0;
                return false;
            }

            index = _obligations.Count;
            _obligations.Add(name, index);
            ObligationNames.Add(name);
        }

        bit = 1UL << index;
        return true;
    }

    /// <summary>A rule's resolved form; the purpose and recipient names are declared ones (null: every one).</summary>
    public ResolvedRule Resolve(int[] categories, List<string>? purposes, List<string>? recipients, ulong obligations) =>
        new(categories, purposes?.Select(n => _purposes[n]).ToArray(), recipients?.Select(n => _recipients[n]).ToArray(), obligations);
}
