namespace Octopus.Privacy.Policies.Validation;

/// <summary>The lexical rules for names in a policy document.</summary>
internal static class PolicyNames
{
    public const string Wildcard = "*";

    /// <summary>True when <paramref name="name"/> matches <c>^[a-z0-9-]+(\.[a-z0-9-]+)*$</c>.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var segmentLength = 0;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                segmentLength = 0;
            }
            else if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            {
                segmentLength++;
            }
            else
            {
                return false;
            }
        }

        return segmentLength > 0;
    }

    /// <summary>True when the category selector matches the category: equal, or an ancestor of it.</summary>
    public static bool SelectorMatches(string selector, string category) =>
        category.StartsWith(selector, StringComparison.Ordinal)
        && (category.Length == selector.Length || category[selector.Length] == '.');

    public static string Format(ConsentMode mode) => mode switch
    {
        ConsentMode.None => "none",
        ConsentMode.OptOut => "opt-out",
        _ => "opt-in",
    };

    public static string Format(RuleEffect effect) => effect == RuleEffect.Permit ? "permit" : "forbid";
}
