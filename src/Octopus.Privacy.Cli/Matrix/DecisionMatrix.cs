namespace Octopus.Privacy.Cli.Matrix;

/// <summary>One request class: a category, purpose and recipient in a consent situation.</summary>
internal readonly record struct RequestClass(string Category, string Purpose, string Recipient, ConsentSituation Situation)
{
    public override string ToString() => $"{Category} for {Purpose} to {Recipient} ({Situation.Label()})";
}

/// <summary>
/// Every decision of a policy over a vocabulary: category × purpose × recipient × consent situation. The vocabulary
/// is finite, so the table is exhaustive.
/// </summary>
internal sealed class DecisionMatrix
{
    private readonly PolicyDecision[] _decisions;

    /// <summary>The most request classes a table or diff computes: far beyond any real policy, and a few seconds of work.</summary>
    public const int MaxRequestClasses = 1_000_000;

    private DecisionMatrix(PrivacyPolicy policy, IReadOnlyList<string> categories, IReadOnlyList<string> purposes, IReadOnlyList<string> recipients)
    {
        var classes = (long)categories.Count * purposes.Count * recipients.Count * ConsentSituations.All.Length;
        if (classes > MaxRequestClasses)
        {
            throw new CliException(
                $"the table would have {classes:N0} request classes ({categories.Count} categories × {purposes.Count} purposes × {recipients.Count} recipients × 4 consent situations), "
                + $"more than the {MaxRequestClasses:N0} this tool tabulates; use 'explain' for single requests.");
        }

        Policy = policy;
        Categories = categories;
        Purposes = purposes;
        Recipients = recipients;
        _decisions = new PolicyDecision[categories.Count * purposes.Count * recipients.Count * ConsentSituations.All.Length];
        var states = ConsentSituations.All.Select(s => s.StateFor(policy, purposes)).ToArray();
        var i = 0;
        foreach (var category in categories)
        {
            foreach (var purpose in purposes)
            {
                foreach (var recipient in recipients)
                {
                    var prepared = policy.Prepare([category], purpose, recipient);
                    foreach (var state in states)
                    {
                        _decisions[i++] = prepared.Evaluate(state);
                    }
                }
            }
        }
    }

    public PrivacyPolicy Policy { get; }

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<string> Purposes { get; }

    public IReadOnlyList<string> Recipients { get; }

    public int Count => _decisions.Length;

    /// <summary>The table of a policy over its own vocabulary.</summary>
    public static DecisionMatrix For(PrivacyPolicy policy) => new(
        policy,
        policy.Categories.Select(c => c.Name).ToArray(),
        policy.Purposes.Select(p => p.Name).ToArray(),
        policy.Recipients.Select(r => r.Name).ToArray());

    /// <summary>The table of a policy over a given vocabulary; names the policy does not declare are denied as unknown.</summary>
    public static DecisionMatrix For(PrivacyPolicy policy, IReadOnlyList<string> categories, IReadOnlyList<string> purposes, IReadOnlyList<string> recipients) =>
        new(policy, categories, purposes, recipients);

    public PolicyDecision this[int category, int purpose, int recipient, ConsentSituation situation] =>
        _decisions[(((((category * Purposes.Count) + purpose) * Recipients.Count) + recipient) * ConsentSituations.All.Length) + (int)situation];

    /// <summary>Every request class with its decision, in table order.</summary>
    public IEnumerable<(RequestClass Class, PolicyDecision Decision)> Cells()
    {
        for (var c = 0; c < Categories.Count; c++)
        {
            for (var p = 0; p < Purposes.Count; p++)
            {
                for (var r = 0; r < Recipients.Count; r++)
                {
                    foreach (var situation in ConsentSituations.All)
                    {
                        yield return (new RequestClass(Categories[c], Purposes[p], Recipients[r], situation), this[c, p, r, situation]);
                    }
                }
            }
        }
    }
}
