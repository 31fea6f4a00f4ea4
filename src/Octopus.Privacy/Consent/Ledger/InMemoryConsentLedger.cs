using System.Runtime.CompilerServices;

namespace Octopus.Privacy;

/// <summary>
/// A consent ledger kept in the process's memory: every guarantee of <see cref="IConsentLedger"/> but durability.
/// For tests, samples and single-process tools; services use a durable store (SQLite, PostgreSQL).
/// </summary>
public sealed class InMemoryConsentLedger : IConsentLedger, IConsentChangeFeed, IDecisionLog, IConsentErasure
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Func<PrivacyPolicy?> _policy;
    private readonly List<ConsentRecord> _all = [];
    private readonly Dictionary<string, Subject> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, string SubjectId, ConsentAppendResult Result)> _keys = new(StringComparer.Ordinal);
    private readonly List<DecisionLogEntry> _decisions = [];
    private readonly List<ConsentErasure> _erasures = [];
    private long _lastPosition;

    /// <summary>
    /// Initializes a new instance of the <see cref="InMemoryConsentLedger"/> class that checks names only for their form:
    /// without a policy, it cannot tell a purpose the policy defines from a mistyped one. Prefer
    /// <see cref="InMemoryConsentLedger(PrivacyPolicy?, TimeProvider?)"/>.
    /// </summary>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
#pragma warning disable RS0027 // The published contract names this constructor; the one with a policy is the longer overload.
    public InMemoryConsentLedger(TimeProvider? timeProvider = null)
#pragma warning restore RS0027
        : this(static () => null, timeProvider)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InMemoryConsentLedger"/> class for a policy.</summary>
    /// <param name="policy">
    /// The policy the ledger is used with: a grant or withdrawal of a purpose it does not define, or the acceptance of a
    /// version it does not accept, is refused. <see langword="null"/>: names are checked only for their form.
    /// </param>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
    public InMemoryConsentLedger(PrivacyPolicy? policy, TimeProvider? timeProvider)
        : this(() => policy, timeProvider)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InMemoryConsentLedger"/> class that checks names against the policy in force.</summary>
    internal InMemoryConsentLedger(Func<PrivacyPolicy?> policy, TimeProvider? timeProvider)
    {
        _policy = policy;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public event EventHandler<ConsentChangedEventArgs>? SubjectChanged;

    /// <inheritdoc/>
    public ValueTask<ConsentAppendResult> AppendAsync(string subjectId, IReadOnlyList<ConsentChange> changes, ConsentAppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckChanges(changes, _policy());
        options = ConsentLedgerRules.CheckOptions(options, _time.GetUtcNow());
        cancellationToken.ThrowIfCancellationRequested();

        ConsentAppendResult result;
        lock (_gate)
        {
            var fingerprint = options.IdempotencyKey is null ? null : ConsentLedgerRules.IdempotencyFingerprint(subjectId, changes);
            if (options.IdempotencyKey is { } key && _keys.TryGetValue(key, out var earlier))
            {
                return earlier.Fingerprint == fingerprint
                    ? ValueTask.FromResult(earlier.Result with { Duplicate = true })
                    : throw ConsentLedgerRules.KeyReused(key);
            }

            _subjects.TryGetValue(subjectId, out var subject);
            var version = subject?.Records.Count ?? 0;
            if (options.ExpectedVersion is { } expected && expected != version)
            {
                throw new ConsentConflictException(subjectId, expected, version);
            }

            // Everything is checked and computed before the first record is added: all or nothing.
            var state = subject?.State ?? ConsentState.None;
            foreach (var change in changes)
            {
                state = change.ApplyTo(state);
            }

            var recordedAt = _time.GetUtcNow();
            var occurredAt = options.OccurredAt?.ToUniversalTime() ?? recordedAt;
            subject ??= _subjects[subjectId] = new Subject();
            foreach (var change in changes)
            {
                var record = new ConsentRecord(subjectId, ++version, ++_lastPosition, change, occurredAt, recordedAt, options.Source, options.Evidence);
                _all.Add(record);
                subject.Records.Add(record);
            }

            subject.State = state;
            result = new ConsentAppendResult(version, _lastPosition, Duplicate: false);
            if (options.IdempotencyKey is { } newKey)
            {
                _keys[newKey] = (fingerprint!, subjectId, result);
            }
        }

        SubjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc/>
    public ValueTask<ConsentSnapshot> GetAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_subjects.TryGetValue(subjectId, out var subject)
                ? new ConsentSnapshot(subjectId, subject.State, subject.Records.Count)
                : new ConsentSnapshot(subjectId, ConsentState.None, 0));
        }
    }

    /// <inheritdoc/>
    public ValueTask<ConsentSnapshot> GetAsOfAsync(string subjectId, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        cancellationToken.ThrowIfCancellationRequested();
        var state = ConsentState.None;
        long version = 0;
        foreach (var record in Snapshot(subjectId))
        {
            if (record.RecordedAt > asOf)
            {
                break;
            }

            state = record.Change.ApplyTo(state);
            version = record.Version;
        }

        return ValueTask.FromResult(new ConsentSnapshot(subjectId, state, version));
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentRecord> ReadHistoryAsync(string subjectId, CancellationToken cancellationToken = default) =>
        History(ConsentLedgerRules.CheckSubject(subjectId), cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentRecord> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) =>
        All(ConsentLedgerRules.CheckPosition(afterPosition), cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<string> FindPermittedSubjectsAsync(PrivacyPolicy policy, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default) =>
        Find(ConsentLedgerRules.Audience(policy, categories, purpose, recipient), cancellationToken);

    private async IAsyncEnumerable<ConsentRecord> History(string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var record in Snapshot(subjectId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ConsentRecord> All(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ConsentRecord[] records;
        lock (_gate)
        {
            // Positions only grow, but an erasure leaves gaps: the first record after the position is found by search.
            var low = 0;
            var high = _all.Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (_all[middle].Position <= afterPosition)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            records = _all.GetRange(low, _all.Count - low).ToArray();
        }

        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async IAsyncEnumerable<string> Find(ConsentAudience audience, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (audience.PermitsNone)
        {
            yield break;
        }

        (string Id, ConsentState State)[] subjects;
        lock (_gate)
        {
            subjects = _subjects.Select(s => (s.Key, s.Value.State)).ToArray();
        }

        foreach (var (id, state) in subjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (audience.Permits(state))
            {
                yield return id;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask AppendDecisionsAsync(IReadOnlyList<DecisionLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckDecisions(entries);
        cancellationToken.ThrowIfCancellationRequested();

        // Kept as values: a caller's list changed later does not change the log.
        var copies = entries.Select(e => e with { Categories = e.Categories.ToArray(), DecidedAt = e.DecidedAt.ToUniversalTime() }).ToArray();
        lock (_gate)
        {
            _decisions.AddRange(copies);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<DecisionLogEntry> ReadDecisionsAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        DecisionLogEntry[] entries;
        lock (_gate)
        {
            entries = _decisions.Where(e => e.SubjectId == subjectId).OrderBy(e => e.DecidedAt).ToArray();
        }

        return Items(entries, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<long> DeleteDecisionsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult((long)_decisions.RemoveAll(e => e.DecidedAt < before));
        }
    }

    /// <inheritdoc/>
    public ValueTask<ConsentErasure> EraseAsync(string subjectId, string reason, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckReason(reason);
        cancellationToken.ThrowIfCancellationRequested();
        ConsentErasure erasure;
        lock (_gate)
        {
            _subjects.Remove(subjectId, out var subject);
            var records = subject?.Records ?? [];
            _all.RemoveAll(r => r.SubjectId == subjectId);
            foreach (var key in _keys.Where(k => k.Value.SubjectId == subjectId).Select(k => k.Key).ToList())
            {
                _keys.Remove(key);
            }

            var decisions = _decisions.RemoveAll(e => e.SubjectId == subjectId);
            erasure = new ConsentErasure(
                subjectId,
                _time.GetUtcNow(),
                reason,
                records.Count == 0 ? 0 : records[0].Version,
                records.Count == 0 ? 0 : records[^1].Version,
                records.Count,
                decisions);
            _erasures.Add(erasure);
        }

        SubjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
        return ValueTask.FromResult(erasure);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentErasure> ReadErasuresAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentErasure[] erasures;
        lock (_gate)
        {
            erasures = _erasures.Where(e => e.SubjectId == subjectId).ToArray();
        }

        return Items(erasures, cancellationToken);
    }

    private static async IAsyncEnumerable<T> Items<T>(T[] items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private ConsentRecord[] Snapshot(string subjectId)
    {
        lock (_gate)
        {
            return _subjects.TryGetValue(subjectId, out var subject) ? subject.Records.ToArray() : [];
        }
    }

    private sealed class Subject
    {
        public List<ConsentRecord> Records { get; } = [];

        public ConsentState State { get; set; } = ConsentState.None;
    }
}
