using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Numerics;
using Octopus.Privacy.Policies.Parsing;

namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>
/// A policy compiled for evaluation. Rules become bit sets per category, purpose and recipient; the outcome of a
/// (category, purpose, recipient) cell at each consent level is computed from them the first time it is needed
/// and then read from a table, so the cost of a decision does not depend on the number of rules.
/// </summary>
/// <remarks>
/// Thread safety: cells are filled without locks. Two threads racing on an empty cell both compute the same
/// outcome and either write wins; readers see either nothing (and compute) or a complete outcome.
/// </remarks>
internal sealed class CompiledPolicy
{
    private readonly PolicyDefinition _definition;
    private readonly FrozenDictionary<string, int> _categoryIndex;
    private readonly FrozenDictionary<string, int> _purposeIndex;
    private readonly FrozenDictionary<string, int> _recipientIndex;
    private readonly ulong[][] _categoryRules;
    private readonly ulong[][] _purposeRules;
    private readonly ulong[][] _recipientRules;
    private readonly ulong[] _ruleObligations;
    private readonly string[] _obligationNames;
    private readonly string[] _acceptedVersions;
    private readonly DecisionOutcome?[]?[] _cells;
    private readonly ConcurrentDictionary<ulong, IReadOnlyList<string>> _obligationLists = new();
    private readonly int _cellsPerCategory;

    public CompiledPolicy(PolicyDefinition definition)
    {
        _definition = definition;
        var categories = definition.Categories;
        var purposes = definition.Purposes;
        var recipients = definition.Recipients;
        var rules = definition.Rules;

        _categoryIndex = Index(categories.Select(c => c.Name));
        _purposeIndex = Index(purposes.Select(p => p.Name));
        _recipientIndex = Index(recipients.Select(r => r.Name));
        _acceptedVersions = [.. definition.AcceptedVersions];

        var words = (rules.Count + 63) / 64;
        _categoryRules = NewBitSets(categories.Count, words);
        _purposeRules = NewBitSets(purposes.Count, words);
        _recipientRules = NewBitSets(recipients.Count, words);
        _ruleObligations = new ulong[rules.Count];
        var obligationNames = new List<string>();
        var selectors = new CategorySelectors(categories);

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var word = i >> 6;
            var bit = 1UL << (i & 63);
            if (rule.Categories is null)
            {
                for (var c = 0; c < categories.Count; c++)
                {
                    MarkCategory(c);
                }
            }
            else
            {
                for (var s = 0; s < rule.Categories.Count; s++)
                {
                    foreach (var c in selectors.Resolve(rule.Categories[s]))
                    {
                        MarkCategory(c);
                    }
                }
            }

            void MarkCategory(int c)
            {
                if (rule.Personal is null || rule.Personal == categories[c].IsPersonal)
                {
                    _categoryRules[c][word] |= bit;
                }
            }

            Mark(_purposeRules, _purposeIndex, rule.Purposes, word, bit);
            Mark(_recipientRules, _recipientIndex, rule.Recipients, word, bit);

            for (var o = 0; o < rule.Obligations.Count; o++)
            {
                var obligation = rule.Obligations[o];
                var index = obligationNames.IndexOf(obligation);
                if (index < 0)
                {
                    index = obligationNames.Count;
                    obligationNames.Add(obligation);
                }

                _ruleObligations[i] |= 1UL << index;
            }
        }

        _obligationNames = [.. obligationNames];
        _cellsPerCategory = purposes.Count * recipients.Count * ConsentLevels.Count;
        _cells = new DecisionOutcome?[]?[categories.Count];

        UnknownCategory = Unknown(DecisionReason.UnknownCategory, "data category");
        UnknownPurpose = Unknown(DecisionReason.UnknownPurpose, "purpose");
        UnknownRecipient = Unknown(DecisionReason.UnknownRecipient, "recipient");
    }

    public PolicyDefinition Definition => _definition;

    public DecisionOutcome UnknownCategory { get; }

    public DecisionOutcome UnknownPurpose { get; }

    public DecisionOutcome UnknownRecipient { get; }

    public bool TryGetPurpose(string? name, out int index) => TryGet(_purposeIndex, name, out index);

    public bool TryGetRecipient(string? name, out int index) => TryGet(_recipientIndex, name, out index);

    public bool TryGetCategory(string? name, out int index) => TryGet(_categoryIndex, name, out index);

    /// <summary>What the consent state means for one purpose.</summary>
    public ConsentLevel LevelOf(ConsentState consent, string purpose)
    {
        switch (consent.StatusOf(purpose))
        {
            case ConsentStatus.Withdrawn:
                return ConsentLevel.Withdrawn;
            case ConsentStatus.Granted:
                return ConsentLevel.Granted;
        }

        var accepted = consent.AcceptedPolicyVersion;
        if (accepted is not null)
        {
            foreach (var version in _acceptedVersions)
            {
                if (string.Equals(version, accepted, StringComparison.Ordinal))
                {
                    return ConsentLevel.Accepted;
                }
            }
        }

        return ConsentLevel.Nothing;
    }

    /// <summary>Decides a request whose purpose and recipient are resolved; categories are looked up here.</summary>
    public PolicyDecision Decide(IReadOnlyList<string> categories, int purpose, int recipient, ConsentLevel level)
    {
        DecisionOutcome? firstPermit = null;
        DecisionOutcome? firstDenial = null;
        var mask = 0UL;
        var widened = false;
        var count = categories.Count;
        for (var i = 0; i < count; i++)
        {
            var name = categories[i];
            if (!TryGetCategory(name, out var category))
            {
                return new PolicyDecision(UnknownCategory, subject: name ?? "(null)");
            }

            var outcome = Outcome(category, purpose, recipient, level);
            if (!outcome.IsPermitted)
            {
                firstDenial ??= outcome;
            }
            else if (firstPermit is null)
            {
                firstPermit = outcome;
                mask = outcome.ObligationMask;
            }
            else if ((mask | outcome.ObligationMask) != mask)
            {
                mask |= outcome.ObligationMask;
                widened = true;
            }
        }

        if (firstDenial is not null)
        {
            return new PolicyDecision(firstDenial);
        }

        return count == 1
            ? new PolicyDecision(firstPermit!)
            : new PolicyDecision(firstPermit!, widened ? ObligationList(mask) : null, categories);
    }

    /// <summary>The outcome of one cell at one consent level, computed on first use.</summary>
    public DecisionOutcome Outcome(int category, int purpose, int recipient, ConsentLevel level)
    {
        var row = Volatile.Read(ref _cells[category]);
        if (row is null)
        {
            row = new DecisionOutcome?[_cellsPerCategory];
            row = Interlocked.CompareExchange(ref _cells[category], row, null) ?? row;
        }

        var slot = ((purpose * _recipientIndex.Count) + recipient) * ConsentLevels.Count;
        var outcome = Volatile.Read(ref row[slot + (int)level]);
        if (outcome is null)
        {
            var outcomes = ComputeCell(category, purpose, recipient);
            for (var i = 0; i < outcomes.Length; i++)
            {
                Volatile.Write(ref row[slot + i], outcomes[i]);
            }

            outcome = outcomes[(int)level];
        }

        return outcome;
    }

    public IReadOnlyList<string> ObligationList(ulong mask) =>
        mask == 0 ? [] : _obligationLists.GetOrAdd(mask, static (m, names) => BuildObligationList(m, names), _obligationNames);

    public string ExplainPermit(IReadOnlyList<string> categories, int purpose, int recipient, ConsentLevel level)
    {
        var decided = new List<(string Category, PolicyRule? Rule)>(categories.Count);
        var mask = 0UL;
        foreach (var name in categories)
        {
            if (TryGetCategory(name, out var category))
            {
                var outcome = Outcome(category, purpose, recipient, level);
                decided.Add((name, outcome.Rule));
                mask |= outcome.ObligationMask;
            }
        }

        return DecisionExplanations.PermitMany(decided, _definition.Purposes[purpose], _definition.Recipients[recipient], ObligationList(mask));
    }

    private DecisionOutcome[] ComputeCell(int category, int purpose, int recipient)
    {
        var definition = _definition;
        var categoryInfo = definition.Categories[category];
        var purposeInfo = definition.Purposes[purpose];
        var recipientInfo = definition.Recipients[recipient];
        var categoryRules = _categoryRules[category];
        var purposeRules = _purposeRules[purpose];
        var recipientRules = _recipientRules[recipient];

        // Per effective consent mode: the first matching permit rule and the obligations of all of them.
        Span<int> firstPermit = [-1, -1, -1];
        Span<ulong> obligations = [0, 0, 0];
        var forbid = -1;
        for (var w = 0; w < categoryRules.Length && forbid < 0; w++)
        {
            var matches = categoryRules[w] & purposeRules[w] & recipientRules[w];
            while (matches != 0)
            {
                var index = (w << 6) + BitOperations.TrailingZeroCount(matches);
                matches &= matches - 1;
                var rule = definition.Rules[index];
                if (rule.Effect == RuleEffect.Forbid)
                {
                    forbid = index;
                    break;
                }

                var mode = categoryInfo.IsPersonal ? (ConsentMode)Math.Max((int)purposeInfo.Consent, (int)(rule.Consent ?? ConsentMode.None)) : ConsentMode.None;
                if (firstPermit[(int)mode] < 0)
                {
                    firstPermit[(int)mode] = index;
                }

                obligations[(int)mode] |= _ruleObligations[index];
            }
        }

        var cell = (purpose, recipient);
        if (forbid >= 0)
        {
            var rule = definition.Rules[forbid];
            var outcome = new DecisionOutcome(this, DecisionReason.Forbidden, rule, 0, [], DecisionExplanations.Forbidden(categoryInfo, purposeInfo, recipientInfo, rule));
            return [outcome, outcome, outcome, outcome];
        }

        if (firstPermit[0] < 0 && firstPermit[1] < 0 && firstPermit[2] < 0)
        {
            var outcome = new DecisionOutcome(this, DecisionReason.NoApplicableRule, null, 0, [], DecisionExplanations.NoApplicableRule(categoryInfo, purposeInfo, recipientInfo, definition.Name));
            return [outcome, outcome, outcome, outcome];
        }

        var outcomes = new DecisionOutcome[ConsentLevels.Count];
        for (var l = 0; l < outcomes.Length; l++)
        {
            var level = (ConsentLevel)l;
            var permitBy = -1;
            var mask = 0UL;
            var leastStrictUnmet = -1;
            for (var m = 0; m < 3; m++)
            {
                if (firstPermit[m] < 0)
                {
                    continue;
                }

                if (level.Meets((ConsentMode)m))
                {
                    permitBy = permitBy < 0 ? firstPermit[m] : Math.Min(permitBy, firstPermit[m]);
                    mask |= obligations[m];
                }
                else if (leastStrictUnmet < 0)
                {
                    leastStrictUnmet = m;
                }
            }

            if (permitBy >= 0)
            {
                var rule = definition.Rules[permitBy];
                var list = ObligationList(mask);
                outcomes[l] = new DecisionOutcome(this, DecisionReason.Permitted, rule, mask, list, DecisionExplanations.Permitted(categoryInfo, purposeInfo, recipientInfo, rule, list))
                {
                    Cell = (cell.purpose, cell.recipient, level),
                };
            }
            else
            {
                var mode = (ConsentMode)leastStrictUnmet;
                var reason = level == ConsentLevel.Withdrawn ? DecisionReason.ConsentWithdrawn
                    : mode == ConsentMode.OptOut ? DecisionReason.PolicyNotAccepted
                    : DecisionReason.ConsentRequired;
                var rule = definition.Rules[firstPermit[leastStrictUnmet]];
                outcomes[l] = new DecisionOutcome(this, reason, rule, 0, [], DecisionExplanations.ConsentDenied(reason, categoryInfo, purposeInfo, recipientInfo, rule, _acceptedVersions));
            }
        }

        return outcomes;
    }

    private DecisionOutcome Unknown(DecisionReason reason, string kind) =>
        new(this, reason, null, 0, [], DecisionExplanations.Unknown(kind, _definition.Name, _definition.Version));

    private static ReadOnlyCollection<string> BuildObligationList(ulong mask, string[] names)
    {
        var list = new List<string>(BitOperations.PopCount(mask));
        for (var i = 0; i < names.Length; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                list.Add(names[i]);
            }
        }

        return list.AsReadOnly();
    }

    private static bool TryGet(FrozenDictionary<string, int> index, string? name, out int value)
    {
        if (name is null)
        {
            value = -1;
            return false;
        }

        return index.TryGetValue(name, out value);
    }

    private static void Mark(ulong[][] sets, FrozenDictionary<string, int> index, IReadOnlyList<string>? selectors, int word, ulong bit)
    {
        if (selectors is null)
        {
            foreach (var set in sets)
            {
                set[word] |= bit;
            }

            return;
        }

        for (var i = 0; i < selectors.Count; i++)
        {
            sets[index[selectors[i]]][word] |= bit;
        }
    }

    private static ulong[][] NewBitSets(int count, int words)
    {
        var sets = new ulong[count][];
        for (var i = 0; i < count; i++)
        {
            sets[i] = new ulong[words];
        }

        return sets;
    }

    private static FrozenDictionary<string, int> Index(IEnumerable<string> names) =>
        names.Select((name, index) => (name, index)).ToFrozenDictionary(x => x.name, x => x.index, StringComparer.Ordinal);
}
