using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using Octopus.Privacy.Policies.Compilation;

namespace Octopus.Privacy.Policies.Evaluation;

/// <summary>
/// Decides requests against a compiled policy. The outcome of a (category, purpose, recipient) cell at each consent
/// level is computed from the compiled bit sets the first time it is needed and then read from a table, so the cost
/// of a decision does not depend on the number of rules.
/// </summary>
/// <remarks>
/// <para>
/// The table is sparse: one array of purpose rows per category used, and one row of recipients × consent levels per
/// (category, purpose) used, each made on first use. Memory grows with the cells actually decided, never with the
/// product of the vocabulary's sizes.
/// </para>
/// <para>
/// Thread safety: cells are filled without locks. Two threads racing on an empty cell both compute the same
/// outcomes and either write wins; readers see either nothing (and compute) or a complete outcome.
/// </para>
/// </remarks>
internal sealed class PolicyEvaluator
{
    private readonly CompiledPolicy _policy;
    private readonly DecisionOutcome?[]?[]?[] _table;
    private readonly ConcurrentDictionary<ulong, IReadOnlyList<string>> _obligationLists = new();
    private const int MaxStackCategories = 8;

    private readonly ManyCategoryPermit?[] _manyPermits = new ManyCategoryPermit?[256];
    private readonly int _rowLength;
    private long _allocatedSlots;

    public PolicyEvaluator(CompiledPolicy policy)
    {
        _policy = policy;
        _table = new DecisionOutcome?[]?[]?[policy.CategoryCount];
        _rowLength = policy.RecipientCount * ConsentLevels.Count;
        var definition = policy.Definition;
        UnknownCategory = Unknown(DecisionReason.UnknownCategory, "data category", definition.Name, definition.Version);
        UnknownPurpose = Unknown(DecisionReason.UnknownPurpose, "purpose", definition.Name, definition.Version);
        UnknownRecipient = Unknown(DecisionReason.UnknownRecipient, "recipient", definition.Name, definition.Version);
    }

    public CompiledPolicy Policy => _policy;

    public DecisionOutcome UnknownCategory { get; }

    public DecisionOutcome UnknownPurpose { get; }

    public DecisionOutcome UnknownRecipient { get; }

    /// <summary>Gets how many table slots (purpose rows and outcome cells) have been allocated so far.</summary>
    public long AllocatedSlots => Interlocked.Read(ref _allocatedSlots);

    /// <summary>Decides a request whose purpose and recipient are resolved; the categories are looked up here.</summary>
    public PolicyDecision Decide(IReadOnlyList<string> categories, int purpose, int recipient, ConsentLevel level)
    {
        var count = categories.Count;
        Span<int> indices = count <= MaxStackCategories ? stackalloc int[MaxStackCategories] : new int[count];
        DecisionOutcome? firstPermit = null;
        DecisionOutcome? firstDenial = null;
        var mask = 0UL;
        for (var i = 0; i < count; i++)
        {
            var name = categories[i];
            if (!_policy.TryGetCategory(name, out var category))
            {
                return new PolicyDecision(UnknownCategory, name ?? "(null)");
            }

            indices[i] = category;
            var outcome = Outcome(category, purpose, recipient, level);
            if (!outcome.IsPermitted)
            {
                firstDenial ??= outcome;
            }
            else
            {
                firstPermit ??= outcome;
                mask |= outcome.ObligationMask;
            }
        }

        if (firstDenial is not null)
        {
            return new PolicyDecision(firstDenial);
        }

        return count == 1
            ? new PolicyDecision(firstPermit!)
            : new PolicyDecision(firstPermit!, ManyPermit(indices[..count], purpose, recipient, level, mask));
    }

    /// <summary>The outcome of one cell at one consent level, computed on first use.</summary>
    public DecisionOutcome Outcome(int category, int purpose, int recipient, ConsentLevel level)
    {
        // The warm path: three reads. Everything that allocates or computes is in FillCell.
        var rows = Volatile.Read(ref _table[category]);
        if (rows is not null)
        {
            var row = Volatile.Read(ref rows[purpose]);
            if (row is not null && Volatile.Read(ref row[(recipient * ConsentLevels.Count) + (int)level]) is { } outcome)
            {
                return outcome;
            }
        }

        return FillCell(category, purpose, recipient, level);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DecisionOutcome FillCell(int category, int purpose, int recipient, ConsentLevel level)
    {
        var rows = Volatile.Read(ref _table[category]) ?? NewArray(ref _table[category], _policy.PurposeCount);
        var row = Volatile.Read(ref rows[purpose]) ?? NewArray(ref rows[purpose], _rowLength);
        var slot = recipient * ConsentLevels.Count;
        var outcomes = ComputeCell(category, purpose, recipient);
        for (var i = 0; i < outcomes.Length; i++)
        {
            Volatile.Write(ref row[slot + i], outcomes[i]);
        }

        return outcomes[(int)level];
    }

    /// <summary>
    /// The owned permit of several categories. A service asks the same combinations again and again, so the last
    /// permit per slot of a small table is reused when it answers the same categories for the same cell and level:
    /// a repeated request allocates nothing.
    /// </summary>
    private ManyCategoryPermit ManyPermit(ReadOnlySpan<int> categories, int purpose, int recipient, ConsentLevel level, ulong mask)
    {
        // A cheap multiplicative hash: a collision only costs a rebuild, because Answers checks the whole key.
        var hash = (uint)((((purpose * 397) ^ recipient) * 4) + (int)level);
        foreach (var category in categories)
        {
            hash = (hash * 16777619) ^ (uint)category;
        }

        ref var slot = ref _manyPermits[(hash ^ (hash >> 15)) & (uint)(_manyPermits.Length - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && cached.Answers(categories, purpose, recipient, level))
        {
            return cached;
        }

        var definition = _policy.Definition;
        var names = new string[categories.Length];
        var outcomes = new DecisionOutcome[categories.Length];
        for (var i = 0; i < categories.Length; i++)
        {
            names[i] = definition.Categories[categories[i]].Name;
            outcomes[i] = Outcome(categories[i], purpose, recipient, level);
        }

        var permit = new ManyCategoryPermit(categories.ToArray(), names, outcomes, ObligationList(mask), purpose, recipient, level);
        Volatile.Write(ref slot, permit);
        return permit;
    }

    private T?[] NewArray<T>(ref T?[]? location, int length)
        where T : class
    {
        var created = new T?[length];
        var winner = Interlocked.CompareExchange(ref location, created, null);
        if (winner is not null)
        {
            return winner;
        }

        Interlocked.Add(ref _allocatedSlots, length);
        return created;
    }

    private IReadOnlyList<string> ObligationList(ulong mask) =>
        mask == 0 ? [] : _obligationLists.GetOrAdd(mask, static (m, names) => BuildObligationList(m, names), _policy.Definition.ObligationNames);

    private DecisionOutcome[] ComputeCell(int category, int purpose, int recipient)
    {
        var definition = _policy.Definition;
        var categoryInfo = definition.Categories[category];
        var purposeInfo = definition.Purposes[purpose];
        var recipientInfo = definition.Recipients[recipient];
        var cell = _policy.Match(category, purpose, recipient);

        if (cell.Forbid >= 0)
        {
            var rule = definition.Rules[cell.Forbid];
            var outcome = new DecisionOutcome(DecisionReason.Forbidden, rule, 0, [], DecisionExplanations.Forbidden(categoryInfo, purposeInfo, recipientInfo, rule));
            return [outcome, outcome, outcome, outcome];
        }

        if (!cell.HasPermit)
        {
            var outcome = new DecisionOutcome(DecisionReason.NoApplicableRule, null, 0, [], DecisionExplanations.NoApplicableRule(categoryInfo, purposeInfo, recipientInfo, definition.Name));
            return [outcome, outcome, outcome, outcome];
        }

        var outcomes = new DecisionOutcome[ConsentLevels.Count];
        for (var l = 0; l < outcomes.Length; l++)
        {
            var level = (ConsentLevel)l;
            var permitBy = -1;
            var mask = 0UL;
            var leastStrictUnmet = (ConsentMode?)null;
            foreach (var mode in (ReadOnlySpan<ConsentMode>)[ConsentMode.None, ConsentMode.OptOut, ConsentMode.OptIn])
            {
                var first = cell.FirstPermit(mode);
                if (first < 0)
                {
                    continue;
                }

                if (level.Meets(mode))
                {
                    permitBy = permitBy < 0 ? first : Math.Min(permitBy, first);
                    mask |= cell.Obligations(mode);
                }
                else
                {
                    leastStrictUnmet ??= mode;
                }
            }

            if (permitBy >= 0)
            {
                var rule = definition.Rules[permitBy];
                var list = ObligationList(mask);
                outcomes[l] = new DecisionOutcome(DecisionReason.Permitted, rule, mask, list, DecisionExplanations.Permitted(categoryInfo, purposeInfo, recipientInfo, rule, list))
                {
                    Use = (purposeInfo.Name, recipientInfo.Name),
                };
            }
            else
            {
                var mode = leastStrictUnmet!.Value;
                var reason = level == ConsentLevel.Withdrawn ? DecisionReason.ConsentWithdrawn
                    : mode == ConsentMode.OptOut ? DecisionReason.PolicyNotAccepted
                    : DecisionReason.ConsentRequired;
                var rule = definition.Rules[cell.FirstPermit(mode)];
                outcomes[l] = new DecisionOutcome(reason, rule, 0, [], DecisionExplanations.ConsentDenied(reason, categoryInfo, purposeInfo, recipientInfo, rule, definition.AcceptedVersions));
            }
        }

        return outcomes;
    }

    private static DecisionOutcome Unknown(DecisionReason reason, string kind, string name, string version) =>
        new(reason, null, 0, [], DecisionExplanations.Unknown(kind, name, version));

    private static ReadOnlyCollection<string> BuildObligationList(ulong mask, IReadOnlyList<string> names)
    {
        var list = new List<string>(BitOperations.PopCount(mask));
        for (var i = 0; i < names.Count; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                list.Add(names[i]);
            }
        }

        return list.AsReadOnly();
    }
}
