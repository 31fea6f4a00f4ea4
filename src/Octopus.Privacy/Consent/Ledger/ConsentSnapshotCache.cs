using System.Collections.Concurrent;

namespace Octopus.Privacy;

/// <summary>
/// The guard's view of the consent ledger: a subject's state read once and kept for
/// <c>PrivacyOptions.ConsentCacheDuration</c>, so that a warm decision by subject costs what an in-memory one
/// costs. Appends through this process's ledger drop the subject at once, as do appends elsewhere that a shared store
/// reports (PostgreSQL's notifications); the duration bounds how stale an entry can be when no report arrives.
/// The size is bounded.
/// </summary>
internal sealed class ConsentSnapshotCache : IDisposable
{
    private readonly IConsentLedger? _ledger;
    private readonly TimeProvider _time;
    private readonly long _duration;
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _invalidations;

    /// <param name="ledger">The ledger, or <see langword="null"/> when none is registered.</param>
    /// <param name="time">The clock that ages entries; <see langword="null"/> for the system clock.</param>
    /// <param name="duration">How long an entry is kept; zero or less keeps none.</param>
    /// <param name="capacity">The most subjects kept.</param>
    public ConsentSnapshotCache(IConsentLedger? ledger, TimeProvider? time, TimeSpan duration, int capacity)
    {
        _ledger = ledger;
        _time = time ?? TimeProvider.System;
        _duration = duration <= TimeSpan.Zero ? 0 : (long)(duration.TotalSeconds * _time.TimestampFrequency);
        _capacity = Math.Max(1, capacity);
        if (_ledger is IConsentChangeFeed feed)
        {
            feed.SubjectChanged += Invalidate;
        }
    }

    /// <summary>Gets the ledger, or throws the error that says how to register one.</summary>
    public IConsentLedger Ledger => _ledger ?? throw new InvalidOperationException(
        "No consent ledger is registered, so consent cannot be decided by subject id. Register one next to AddOctopusPrivacy(...): "
        + "services.AddInMemoryConsentLedger() (tests, samples), services.AddSqliteConsentLedger(connectionString) (package Octopus.Privacy.Sqlite) or "
        + "services.AddPostgreSqlConsentLedger(connectionString) (package Octopus.Privacy.PostgreSql).");

    /// <summary>The subject's state when a fresh one is cached; no allocation.</summary>
    public bool TryGet(string subjectId, out ConsentState state) => TryGet(subjectId, out state, out _);

    /// <summary>The subject's state and the ledger version it was read at, when a fresh one is cached; no allocation.</summary>
    public bool TryGet(string subjectId, out ConsentState state, out long version)
    {
        if (_duration > 0 && _entries.TryGetValue(subjectId, out var entry) && _time.GetTimestamp() < entry.ExpiresAt)
        {
            state = entry.State;
            version = entry.Version;
            return true;
        }

        state = ConsentState.None;
        version = 0;
        return false;
    }

    /// <summary>Reads the subject's state from the ledger and keeps it, unless the ledger changed it meanwhile.</summary>
    public async ValueTask<ConsentState> LoadAsync(string subjectId, CancellationToken cancellationToken) =>
        (await LoadSnapshotAsync(subjectId, cancellationToken).ConfigureAwait(false)).State;

    /// <summary>Reads the subject's snapshot from the ledger and keeps it, unless the ledger changed it meanwhile.</summary>
    public async ValueTask<ConsentSnapshot> LoadSnapshotAsync(string subjectId, CancellationToken cancellationToken)
    {
        var ledger = Ledger;
        ConsentLedgerRules.CheckSubject(subjectId);
        var before = Volatile.Read(ref _invalidations);
        var snapshot = await ledger.GetAsync(subjectId, cancellationToken).ConfigureAwait(false);
        if (_duration > 0)
        {
            // The check and the store are one step against Invalidate: a change reported between them (another
            // process's append, heard on the listening thread) would otherwise be overwritten by what was read before.
            lock (_gate)
            {
                if (_invalidations == before)
                {
                    if (_entries.Count >= _capacity)
                    {
                        Trim();
                    }

                    _entries[subjectId] = new Entry(snapshot.State, snapshot.Version, _time.GetTimestamp() + _duration);
                }
            }
        }

        return snapshot;
    }

    public void Dispose()
    {
        if (_ledger is IConsentChangeFeed feed)
        {
            feed.SubjectChanged -= Invalidate;
        }
    }

    private void Invalidate(object? sender, ConsentChangedEventArgs change)
    {
        var subjectId = change.SubjectId;
        // Counted with the removal: a read that started before this append does not store what it read.
        lock (_gate)
        {
            _invalidations++;
            if (subjectId is null)
            {
                _entries.Clear();
            }
            else
            {
                _entries.TryRemove(subjectId, out _);
            }
        }
    }

    private void Trim()
    {
        // Drops the half that expires first: the oldest reads.
        var oldest = _entries.OrderBy(e => e.Value.ExpiresAt).Take(Math.Max(1, _entries.Count / 2)).Select(e => e.Key).ToList();
        foreach (var key in oldest)
        {
            _entries.TryRemove(key, out _);
        }
    }

    private readonly record struct Entry(ConsentState State, long Version, long ExpiresAt);
}
