using System.Text;

namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>The sentences a person reads in <see cref="PolicyDecision.Explanation"/>.</summary>
internal static class DecisionExplanations
{
    public static string Permitted(PolicyCategory category, PolicyPurpose purpose, PolicyRecipient recipient, PolicyRule rule, IReadOnlyList<string> obligations) =>
        $"Permitted: {category.Name} may be used for {purpose.Name} and go to '{recipient.Name}' under {Cite(rule)}.{Obligations(obligations)}";

    public static string PermitMany(string[] categories, DecisionOutcome[] outcomes, IReadOnlyList<string> obligations)
    {
        var (purpose, recipient) = outcomes[0].Use;
        var text = new StringBuilder("Permitted: ");
        text.AppendJoin(", ", categories)
            .Append(" may be used for ").Append(purpose)
            .Append(" and go to '").Append(recipient).Append("' under ");
        if (Array.TrueForAll(outcomes, o => string.Equals(o.Citation, outcomes[0].Citation, StringComparison.Ordinal)))
        {
            text.Append(outcomes[0].Citation);
        }
        else
        {
            for (var i = 0; i < categories.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : "; ").Append(outcomes[i].Citation).Append(" for ").Append(categories[i]);
            }
        }

        return text.Append('.').Append(Obligations(obligations)).ToString();
    }

    public static string Forbidden(PolicyCategory category, PolicyPurpose purpose, PolicyRecipient recipient, PolicyRule rule) =>
        $"Denied: {Cite(rule)} forbids {category.Name} for {purpose.Name} going to '{recipient.Name}', whatever the consent{Describe(rule)}.";

    public static string ConsentDenied(DecisionReason reason, PolicyCategory category, PolicyPurpose purpose, PolicyRecipient recipient, PolicyRule rule, IReadOnlyList<string> acceptedVersions)
    {
        var use = $"{category.Name} for {purpose.Name} going to '{recipient.Name}'";
        return reason switch
        {
            DecisionReason.ConsentWithdrawn =>
                $"Denied: {use} needs the person's consent to {purpose.Name} under {Cite(rule)}, and the person withdrew it.",
            DecisionReason.PolicyNotAccepted =>
                $"Denied: {use} needs the person to have accepted the privacy policy ({Versions(acceptedVersions)}) under {Cite(rule)}, and no such acceptance is recorded.",
            _ =>
                $"Denied: {use} needs the person's explicit opt-in to {purpose.Name} under {Cite(rule)}, and it has not been granted.",
        };
    }

    public static string NoApplicableRule(PolicyCategory category, PolicyPurpose purpose, PolicyRecipient recipient, string policyName) =>
        $"Denied: no rule of the policy '{policyName}' permits {category.Name} for {purpose.Name} going to '{recipient.Name}', and what the policy does not permit is denied.";

    /// <summary>A format with <c>{0}</c> for the unknown name.</summary>
    public static string Unknown(string kind, string policyName, string version) =>
        $"Denied: '{{0}}' is not a {kind} declared by the policy '{Escape(policyName)}' version {Escape(version)}, and undeclared names are never permitted.";

    public static string Cite(PolicyRule? rule) => rule switch
    {
        null => "no rule",
        { Clause: { } clause } => $"rule '{rule.Id}' (clause \"{clause}\")",
        _ => $"rule '{rule.Id}'",
    };

    private static string Describe(PolicyRule rule) => rule.Description is { Length: > 0 } description
        ? ": " + description.TrimEnd('.')
        : string.Empty;

    private static string Obligations(IReadOnlyList<string> obligations) => obligations.Count == 0
        ? string.Empty
        : $" Obligations: {string.Join(", ", obligations)}.";

    private static string Versions(IReadOnlyList<string> versions) => versions.Count == 1
        ? $"version {versions[0]}"
        : $"one of versions {string.Join(", ", versions)}";

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
