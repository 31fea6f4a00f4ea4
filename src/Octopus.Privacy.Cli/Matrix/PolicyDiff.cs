using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Matrix;

/// <summary>
/// Every request class whose decision differs between two policies, over the union of their vocabularies (a name
/// one policy does not declare is denied there as unknown). The vocabulary is finite, so the diff is exhaustive.
/// </summary>
/// <remarks>
/// A class is <b>broadened</b> when it goes from deny to permit, or stays permitted but loses an obligation; it is
/// <b>narrowed</b> when it goes from permit to deny, or stays permitted and only gains obligations. A change of
/// reason between two denials is no change in what may be done, and is not listed. "Accepted" means each policy's
/// own current version accepted: what an accepting person allows under each.
/// </remarks>
internal sealed class PolicyDiff
{
    private PolicyDiff(PrivacyPolicy oldPolicy, PrivacyPolicy newPolicy)
    {
        Old = oldPolicy;
        New = newPolicy;
        var categories = Union(oldPolicy.Categories.Select(c => c.Name), newPolicy.Categories.Select(c => c.Name));
        var purposes = Union(oldPolicy.Purposes.Select(p => p.Name), newPolicy.Purposes.Select(p => p.Name));
        var recipients = Union(oldPolicy.Recipients.Select(r => r.Name), newPolicy.Recipients.Select(r => r.Name));
        Added = new Vocabulary(
            Except(newPolicy.Categories.Select(c => c.Name), oldPolicy.Categories.Select(c => c.Name)),
            Except(newPolicy.Purposes.Select(p => p.Name), oldPolicy.Purposes.Select(p => p.Name)),
            Except(newPolicy.Recipients.Select(r => r.Name), oldPolicy.Recipients.Select(r => r.Name)));
        Removed = new Vocabulary(
            Except(oldPolicy.Categories.Select(c => c.Name), newPolicy.Categories.Select(c => c.Name)),
            Except(oldPolicy.Purposes.Select(p => p.Name), newPolicy.Purposes.Select(p => p.Name)),
            Except(oldPolicy.Recipients.Select(r => r.Name), newPolicy.Recipients.Select(r => r.Name)));

        RevivedVersions = newPolicy.AcceptedVersions
            .Where(v => !oldPolicy.AcceptedVersions.Contains(v, StringComparer.Ordinal) && v != newPolicy.Version)
            .ToList();

        var before = DecisionMatrix.For(oldPolicy, categories, purposes, recipients);
        var after = DecisionMatrix.For(newPolicy, categories, purposes, recipients);
        var broadened = new List<(RequestClass, PolicyDecision, PolicyDecision)>();
        var narrowed = new List<(RequestClass, PolicyDecision, PolicyDecision)>();
        foreach (var ((requestClass, old), (_, current)) in before.Cells().Zip(after.Cells()))
        {
            if (old.IsPermitted != current.IsPermitted)
            {
                (current.IsPermitted ? broadened : narrowed).Add((requestClass, old, current));
            }
            else if (old.IsPermitted && !old.Obligations.SequenceEqual(current.Obligations, StringComparer.Ordinal))
            {
                var dropped = old.Obligations.Except(current.Obligations, StringComparer.Ordinal).Any();
                (dropped ? broadened : narrowed).Add((requestClass, old, current));
            }
        }

        Broadened = broadened;
        Narrowed = narrowed;
    }

    public PrivacyPolicy Old { get; }

    public PrivacyPolicy New { get; }

    public Vocabulary Added { get; }

    public Vocabulary Removed { get; }

    public IReadOnlyList<(RequestClass Class, PolicyDecision Before, PolicyDecision After)> Broadened { get; }

    public IReadOnlyList<(RequestClass Class, PolicyDecision Before, PolicyDecision After)> Narrowed { get; }

    /// <summary>
    /// Gets the versions the new policy accepts that the old one did not, other than the new policy's own: people who
    /// accepted only such a version count as having accepted again, which broadens every opt-out use for them.
    /// </summary>
    public IReadOnlyList<string> RevivedVersions { get; }

    /// <summary>A change is material when it broadens what may be done with data, or revives old acceptances.</summary>
    public bool IsMaterial => Broadened.Count > 0 || RevivedVersions.Count > 0;

    public string Verdict
    {
        get
        {
            if (!IsMaterial)
            {
                return Narrowed.Count == 0
                    ? "Verdict: no change in what may be done with data; not a material change."
                    : $"Verdict: not a material change: nothing broadened ({Narrowed.Count} request classes narrowed).";
            }

            var reasons = new List<string>();
            if (Broadened.Count > 0)
            {
                reasons.Add($"{Broadened.Count} request classes broadened");
            }

            if (RevivedVersions.Count > 0)
            {
                reasons.Add($"acceptances of {string.Join(", ", RevivedVersions)} revived");
            }

            string advice;
            if (string.Equals(Old.Version, New.Version, StringComparison.Ordinal))
            {
                advice = $"Publish it as a new version: it keeps version {New.Version}, so everyone who accepted the old text would count as accepting this one. "
                    + "Give it a new version, post a notice of change, and collect acceptance again.";
            }
            else
            {
                var listsOld = New.AcceptedVersions.Contains(Old.Version, StringComparer.Ordinal);
                advice = $"Post a notice of change and collect acceptance again: acceptedVersions of {New.Name} {New.Version} must not list the old version {Old.Version}"
                    + (listsOld ? " (it does: remove it)." : " (it does not).");
            }

            if (RevivedVersions.Count > 0)
            {
                advice += $" Remove {string.Join(", ", RevivedVersions)} from acceptedVersions unless those people accepted this text.";
            }

            return $"Verdict: MATERIAL CHANGE: {string.Join("; ", reasons)}. {advice}";
        }
    }

    public static PolicyDiff Compare(PrivacyPolicy oldPolicy, PrivacyPolicy newPolicy) => new(oldPolicy, newPolicy);

    public DiffResult ToResult() => new(
        new PolicyIdentity(Old.Name, Old.Version),
        new PolicyIdentity(New.Name, New.Version),
        Added,
        Removed,
        Broadened.Select(Change).ToList(),
        Narrowed.Select(Change).ToList(),
        RevivedVersions,
        IsMaterial,
        Verdict);

    private static DecisionChange Change((RequestClass Class, PolicyDecision Before, PolicyDecision After) change) => new(
        change.Class.Category,
        change.Class.Purpose,
        change.Class.Recipient,
        change.Class.Situation.Key(),
        DecisionText.Short(change.Before),
        DecisionText.Short(change.After),
        change.After.RuleId);

    private static List<string> Union(IEnumerable<string> first, IEnumerable<string> second) => first.Concat(second).Distinct(StringComparer.Ordinal).ToList();

    private static List<string> Except(IEnumerable<string> names, IEnumerable<string> without) => names.Except(without, StringComparer.Ordinal).ToList();
}
