using System.Collections.Frozen;
using System.Numerics;
using Octopus.Privacy.Policies.Validation;

namespace Octopus.Privacy.Policies.Compilation;

/// <summary>
/// A validated policy compiled for evaluation, immutable once built: name indices as frozen dictionaries, and each
/// rule as one bit in a bit set per category, purpose and recipient, so that the rules matching a
/// (category, purpose, recipient) cell are the AND of three bit sets, whatever the number of rules.
/// </summary>
internal sealed class CompiledPolicy
{
    private readonly FrozenDictionary<string, int> _categoryIndex;
    private readonly FrozenDictionary<string, int> _purposeIndex;
    private readonly FrozenDictionary<string, int> _recipientIndex;
    private readonly ulong[][] _categoryRules;
    private readonly ulong[][] _purposeRules;
    private readonly ulong[][] _recipientRules;
    private readonly bool[] _forbids;
    private readonly ConsentMode[] _ruleConsent;
    private readonly ulong[] _ruleObligations;

    public CompiledPolicy(PolicyDefinition definition)
    {
        Definition = definition;
        var rules = definition.ResolvedRules;
        _categoryIndex = Index(definition.Categories.Select(c => c.Name));
        _purposeIndex = Index(definition.Purposes.Select(p => p.Name));
        _recipientIndex = Index(definition.Recipients.Select(r => r.Name));
        AcceptedVersions = new AcceptedVersionSet(definition.AcceptedVersions);

        var words = (rules.Count + 63) / 64;
        _categoryRules = NewBitSets(definition.Categories.Count, words);
        _purposeRules = NewBitSets(definition.Purposes.Count, words);
        _recipientRules = NewBitSets(definition.Recipients.Count, words);
        _forbids = new bool[rules.Count];
        _ruleConsent = new ConsentMode[rules.Count];
        _ruleObligations = new ulong[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var word = i >> 6;
            var bit = 1UL << (i & 63);
            foreach (var category in rule.Categories)
            {
                _categoryRules[category][word] |= bit;
            }

            Mark(_purposeRules, rule.Purposes, word, bit);
            Mark(_recipientRules, rule.Recipients, word, bit);
            _forbids[i] = definition.Rules[i].Effect == RuleEffect.Forbid;
            _ruleConsent[i] = definition.Rules[i].Consent ?? ConsentMode.None;
            _ruleObligations[i] = rule.ObligationMask;
        }
    }

    /// <summary>Gets the validated definition the policy was compiled from.</summary>
    public PolicyDefinition Definition { get; }

    public AcceptedVersionSet AcceptedVersions { get; }

    public int PurposeCount => _purposeRules.Length;

    public int RecipientCount => _recipientRules.Length;

    public int CategoryCount => _categoryRules.Length;

    public bool TryGetCategory(string? name, out int index) => TryGet(_categoryIndex, name, out index);

    public bool TryGetPurpose(string? name, out int index) => TryGet(_purposeIndex, name, out index);

    public bool TryGetRecipient(string? name, out int index) => TryGet(_recipientIndex, name, out index);

    /// <summary>
    /// The rules that decide one cell: the first matching forbid rule, or per effective consent mode (the stricter of
    /// the purpose's and the rule's, or <c>none</c> for a non-personal category) the first matching permit rule and
    /// the obligations of every matching permit rule with that mode.
    /// </summary>
    public CellRules Match(int category, int purpose, int recipient)
    {
        var categoryRules = _categoryRules[category];
        var purposeRules = _purposeRules[purpose];
        var recipientRules = _recipientRules[recipient];
        var personal = Definition.Categories[category].IsPersonal;
        var purposeMode = Definition.Purposes[purpose].Consent;
        var cell = new CellRules();
        for (var w = 0; w < categoryRules.Length; w++)
        {
            var matches = categoryRules[w] & purposeRules[w] & recipientRules[w];
            while (matches != 0)
            {
                var index = (w << 6) + BitOperations.TrailingZeroCount(matches);
                matches &= matches - 1;
                if (_forbids[index])
                {
                    cell.Forbid = index;
                    return cell;
                }

                var mode = personal ? (ConsentMode)Math.Max((int)purposeMode, (int)_ruleConsent[index]) : ConsentMode.None;
                cell.AddPermit(mode, index, _ruleObligations[index]);
            }
        }

        return cell;
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

    private static void Mark(ulong[][] sets, int[]? indices, int word, ulong bit)
    {
        if (indices is null)
        {
            foreach (var set in sets)
            {
                set[word] |= bit;
            }

            return;
        }

        foreach (var index in indices)
        {
            sets[index][word] |= bit;
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
