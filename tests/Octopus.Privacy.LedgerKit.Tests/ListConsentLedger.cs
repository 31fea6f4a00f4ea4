using System.Runtime.CompilerServices;

namespace Octopus.Privacy.LedgerKit.Tests;

/// <summary>
/// A consent store built on the public ledger kit alone: <see cref="ConsentLedgerRules"/> for every input,
/// <see cref="ConsentChange.Fold"/> for the fold, <see cref="ConsentLedgerRules.IdempotencyFingerprint"/>
/// for keys, the policy's own decision for the audience, and <see cref="IConsentChangeFeed"/> for the guard's cache;
/// with <see cref="IDecisionLog"/> and <see cref="IConsentErasure"/> (<see cref="ConsentLedgerRules.CheckDecisions"/>,
/// <see cref="ConsentLedgerRules.CheckReason"/>) it also keeps the decision log and erases, for the rights tests.
/// It keeps its records in lists, as a store on some other database would keep rows.
/// </summary>
internal sealed class ListConsentLedger(PrivacyPolicy? policy, TimeProvider time) : IConsentLedger, IConsentChangeFeed, IDecisionLog, IConsentErasure
{
    private readonly object _gate = new();
    private readonly List<ConsentRecord> _records = [];
    private readonly Dictionary<string, (string Fingerprint, ConsentAppendResult Result)> _keys = new(StringComparer.Ordinal);
    private readonly List<DecisionLogEntry> _decisions = [];
    private readonly List<ConsentErasure> _erasures = [];
    private long _position;

    public event EventHandler<ConsentChangedEventArgs>? SubjectChanged;

    public ValueTask<ConsentAppendResult> AppendAsync(string subjectId, IReadOnlyList<ConsentChange> changes, ConsentAppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckChanges(changes, policy);
        options = ConsentLedgerRules.CheckOptions(options, time.GetUtcNow());
        cancellationToken.ThrowIfCancellationRequested();
        ConsentAppendResult result;
        lock (_gate)
        {
            var fingerprint = ConsentLedgerRules.IdempotencyFingerprint(subjectId, changes);
            if (options.IdempotencyKey is { } key && _keys.TryGetValue(key, out var earlier))
            {
                return earlier.Fingerprint == fingerprint
                    ? ValueTask.FromResult(earlier.Result with { Duplicate = true })
                    : throw ConsentLedgerRules.KeyReused(key);
            }

            long version = _records.Count(r => r.SubjectId == subjectId);
            if (options.ExpectedVersion is { } expected && expected != version)
            {
                throw new ConsentConflictException(subjectId, expected, version);
            }

            var recordedAt = time.GetUtcNow();
            foreach (var change in changes)
            {
                _records.Add(new ConsentRecord(subjectId, ++version, ++_position, change, options.OccurredAt?.ToUniversalTime() ?? recordedAt, recordedAt, options.Source, options.Evidence));
            }

            result = new ConsentAppendResult(version, _position, Duplicate: false);
            if (options.IdempotencyKey is { } newKey)
            {
                _keys[newKey] = (fingerprint, result);
            }
        }

        SubjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
        return ValueTask.FromResult(result);
    }

    public ValueTask<ConsentSnapshot> GetAsync(string subjectId, CancellationToken cancellationToken = default) =>
        GetAsOfAsync(subjectId, DateTimeOffset.MaxValue, cancellationToken);

    public ValueTask<ConsentSnapshot> GetAsOfAsync(string subjectId, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        var records = History(subjectId).Where(r => r.RecordedAt <= asOf).ToList();
        return ValueTask.FromResult(new ConsentSnapshot(subjectId, ConsentChange.Fold(records.Select(r => r.Change)), records.Count == 0 ? 0 : records[^1].Version));
    }

    public IAsyncEnumerable<ConsentRecord> ReadHistoryAsync(string subjectId, CancellationToken cancellationToken = default) =>
        Stream(History(ConsentLedgerRules.CheckSubject(subjectId)), cancellationToken);

    public IAsyncEnumerable<ConsentRecord> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckPosition(afterPosition);
        lock (_gate)
        {
            return Stream(_records.Where(r => r.Position > afterPosition).ToList(), cancellationToken);
        }
    }

    public IAsyncEnumerable<string> FindPermittedSubjectsAsync(PrivacyPolicy policy, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(recipient);
        if (categories.Count == 0)
        {
            throw new ArgumentException("A request must name at least one data category.", nameof(categories));
        }

        List<string> subjects;
        lock (_gate)
        {
            subjects = _records.Select(r => r.SubjectId).Distinct(StringComparer.Ordinal).ToList();
        }

        // The policy decides each subject's current state; the stores that ship turn this into one query.
        var permitted = subjects.Where(s => policy.Evaluate(new DataUseRequest(categories, purpose, recipient) { Consent = ConsentChange.Fold(History(s).Select(r => r.Change)) }).IsPermitted);
        return Stream(permitted.ToList(), cancellationToken);
    }

    public ValueTask AppendDecisionsAsync(IReadOnlyList<DecisionLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckDecisions(entries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _decisions.AddRange(entries.Select(e => e with { Categories = [.. e.Categories] }));
        }

        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<DecisionLogEntry> ReadDecisionsAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        lock (_gate)
        {
            return Stream(_decisions.Where(e => e.SubjectId == subjectId).OrderBy(e => e.DecidedAt).ToList(), cancellationToken);
        }
    }

    public ValueTask<long> DeleteDecisionsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<long>(_decisions.RemoveAll(e => e.DecidedAt < before));
        }
    }

    public ValueTask<ConsentErasure> EraseAsync(string subjectId, string reason, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckReason(reason);
        cancellationToken.ThrowIfCancellationRequested();
        ConsentErasure erasure;
        lock (_gate)
        {
            // The keys go with the records they answered for: a key's result is at one of the subject's positions.
            var erased = _records.Where(r => r.SubjectId == subjectId).ToList();
            var positions = erased.Select(r => r.Position).ToHashSet();
            foreach (var key in _keys.Where(k => positions.Contains(k.Value.Result.Position)).Select(k => k.Key).ToList())
            {
                _keys.Remove(key);
            }

            _records.RemoveAll(r => r.SubjectId == subjectId);
            var decisions = _decisions.RemoveAll(e => e.SubjectId == subjectId);
            erasure = new ConsentErasure(subjectId, time.GetUtcNow(), reason, erased.Count == 0 ? 0 : erased[0].Version, erased.Count == 0 ? 0 : erased[^1].Version, erased.Count, decisions);
            _erasures.Add(erasure);
        }

        SubjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
        return ValueTask.FromResult(erasure);
    }

    public IAsyncEnumerable<ConsentErasure> ReadErasuresAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        lock (_gate)
        {
            return Stream(_erasures.Where(e => e.SubjectId == subjectId).ToList(), cancellationToken);
        }
    }

    private List<ConsentRecord> History(string subjectId)
    {
        lock (_gate)
        {
            return _records.Where(r => r.SubjectId == subjectId).ToList();
        }
    }

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask;
    }
}
