namespace Octopus.Privacy;

/// <summary>What a rule does to the uses it matches.</summary>
public enum RuleEffect
{
    /// <summary>The rule permits the use, subject to its consent requirement. JSON: <c>"permit"</c>.</summary>
    Permit = 0,

    /// <summary>The rule denies the use, whatever any permit rule or the consent says. JSON: <c>"forbid"</c>.</summary>
    Forbid = 1,
}
