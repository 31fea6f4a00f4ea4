using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Octopus.Privacy;

/// <summary>
/// The decision log's background writer: the guard hands it decisions through a bounded queue and never waits; one
/// loop writes them to the store in batches (when a batch is full, else every <see cref="FlushInterval"/>), and a
/// second deletes entries past the retention hourly. A full queue drops the new entry, a store that fails three times
/// drops the batch; both are counted on the <c>Octopus.Privacy</c> meter and logged, neither reaches a decision.
/// </summary>
/// <remarks>
/// The queue is a lock-free queue of values with a counted bound, and the loop is woken once per full batch, not per
/// entry: a decision pays for a copy of its categories and an enqueue, not for a lock or a thread-pool dispatch.
/// </remarks>
internal sealed partial class DecisionLogWriter : IAsyncDisposable, IDisposable
{
    private const int BatchSize = 256;

    /// <summary>How long an entry waits at most for its batch to fill before it is written.</summary>
    internal static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly ConcurrentQueue<PendingDecision> _queue = new();
    private readonly SemaphoreSlim _batchReady = new(0);
    private readonly int _capacity;
    private readonly IDecisionLog _log;
    private readonly DecisionLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writing;
    private readonly Task _pruning;
    private int _count;
    private volatile bool _completing;
    private volatile ClockAnchor? _anchor;
    private int _disposed;

    public DecisionLogWriter(IDecisionLog log, DecisionLogOptions options, TimeProvider? time = null, ILogger<DecisionLogWriter>? logger = null)
    {
        _log = Throw.IfNull(log);
        _options = Throw.IfNull(options);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _capacity = options.QueueCapacity;
        _anchor = _time == TimeProvider.System ? ClockAnchor.Now() : null;
        _writing = Task.Run(WriteLoopAsync);
        _pruning = options.Retention is null ? Task.CompletedTask : Task.Run(PruneLoopAsync);
    }

    /// <summary>Gets a value indicating whether denied decisions are recorded.</summary>
    public bool RecordDenied => _options.RecordDenied;

    /// <summary>
    /// Gets the time to stamp a decision with. With the system clock it is read from the coarse monotonic tick
    /// count (a few nanoseconds instead of the wall clock's tens) from an anchor the writer renews at every batch or
    /// flush, so it is the wall clock's time to within a few milliseconds; another <see cref="TimeProvider"/> is read
    /// as it is.
    /// </summary>
    public DateTimeOffset Now => _anchor is { } anchor ? anchor.At(Environment.TickCount64) : _time.GetUtcNow();

    /// <summary>Queues a decision without waiting; when the queue is full it is dropped and counted.</summary>
    /// <returns><see langword="true"/> when queued.</returns>
    public bool Enqueue(in PendingDecision decision)
    {
        // The new entry is the one dropped: nothing already queued is lost.
        var count = Interlocked.Increment(ref _count);
        if (count > _capacity || _completing)
        {
            Interlocked.Decrement(ref _count);
            PrivacyTelemetry.CountDropped(1, "queue_full");
            return false;
        }

        _queue.Enqueue(decision);
        if (count == BatchSize)
        {
            _batchReady.Release();
        }

        return true;
    }

    /// <summary>Writes what is queued (for up to five seconds), then stops both loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _completing = true;
        _batchReady.Release();
        try
        {
            await _writing.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogNotDrained(_logger, Volatile.Read(ref _count));
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_writing, _pruning).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();

        // A decision that passed the check of _completing just as the writer finished: counted, not silently lost.
        if (Drain() is > 0 and var left)
        {
            PrivacyTelemetry.CountDropped(left, "write_failed");
        }

        // _batchReady is not disposed: a decision racing with the disposal may still release it, and must not throw.
    }

    /// <summary>As <see cref="DisposeAsync"/>, for a container disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteLoopAsync()
    {
        var batch = new List<DecisionLogEntry>(BatchSize);
        try
        {
            while (true)
            {
                if (Volatile.Read(ref _count) < BatchSize && !_completing)
                {
                    await _batchReady.WaitAsync(FlushInterval, _stop.Token).ConfigureAwait(false);
                }

                if (_anchor is not null)
                {
                    _anchor = ClockAnchor.Now();
                }

                while (batch.Count < BatchSize && _queue.TryDequeue(out var pending))
                {
                    batch.Add(pending.ToEntry());
                }

                if (batch.Count == 0)
                {
                    if (_completing)
                    {
                        return;
                    }

                    continue;
                }

                Interlocked.Add(ref _count, -batch.Count);
                await WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while the store was slow: what is still queued is dropped, and counted.
            PrivacyTelemetry.CountDropped(batch.Count + Drain(), "write_failed");
        }
    }

    private async Task WriteAsync(List<DecisionLogEntry> batch)
    {
        // An entry the store would refuse (a denial of a name no policy has, kept by RecordDenied) must not take the
        // batch's good entries with it. A permitted decision names only what the policy defines, for an id the guard
        // checked: only denials need a look.
        var valid = batch.Where(e => e.IsPermitted || IsValid(e)).ToList();
        if (valid.Count < batch.Count)
        {
            PrivacyTelemetry.CountDropped(batch.Count - valid.Count, "invalid");
        }

        if (valid.Count == 0)
        {
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _log.AppendDecisionsAsync(valid, _stop.Token).ConfigureAwait(false);
                PrivacyTelemetry.CountWritten(valid.Count);
                return;
            }
            catch (Exception ex) when (!_stop.IsCancellationRequested)
            {
                if (attempt == RetryDelays.Length)
                {
                    LogDropped(_logger, ex, valid.Count);
                    PrivacyTelemetry.CountDropped(valid.Count, "write_failed");
                    return;
                }

                await Task.Delay(RetryDelays[attempt], _time, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Empties the queue; returns how many entries it held.</summary>
    private int Drain()
    {
        var count = 0;
        while (_queue.TryDequeue(out _))
        {
            count++;
        }

        Interlocked.Add(ref _count, -count);
        return count;
    }

    private static bool IsValid(DecisionLogEntry entry)
    {
        try
        {
            ConsentLedgerRules.CheckDecisions([entry]);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task PruneLoopAsync()
    {
        try
        {
            while (true)
            {
                try
                {
                    await _log.DeleteDecisionsBeforeAsync(_time.GetUtcNow() - _options.Retention!.Value, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested)
                {
                    LogPruneFailed(_logger, ex);
                }

                await Task.Delay(PruneInterval, _time, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>A moment of the wall clock and the tick count at that moment, swapped as one reference.</summary>
    private sealed class ClockAnchor(long wallTicks, long tickCount)
    {
        public static ClockAnchor Now() => new(DateTime.UtcNow.Ticks, Environment.TickCount64);

        public DateTimeOffset At(long now) => new(wallTicks + ((now - tickCount) * TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "The decision log could not write {EntryCount} entries after retrying; they are dropped and counted on octopus.privacy.decision_log.dropped.")]
    private static partial void LogDropped(ILogger logger, Exception exception, int entryCount);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The decision log could not delete entries past their retention; it tries again within the hour.")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "The decision log stopped with {EntryCount} entries not written: the store did not take them within five seconds.")]
    private static partial void LogNotDrained(ILogger logger, int entryCount);
}

/// <summary>
/// A decision waiting in the log's queue, kept as a value: the entry (a class) is made by the background writer.
/// <paramref name="Categories"/> is the guard's own copy of the caller's list.
/// </summary>
internal readonly record struct PendingDecision(
    DateTimeOffset DecidedAt,
    string SubjectId,
    string[] Categories,
    string Purpose,
    string Recipient,
    PolicyDecision Decision,
    string PolicyName,
    string PolicyVersion,
    long LedgerVersion)
{
    public DecisionLogEntry ToEntry() => new(
        DecidedAt, SubjectId, Categories, Purpose, Recipient, Decision.IsPermitted, Decision.Reason, PolicyName, PolicyVersion, Decision.RuleId, Decision.Clause, LedgerVersion);
}
