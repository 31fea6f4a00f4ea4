using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Octopus.Privacy;

/// <summary>
/// The decision log's background writer: the guard hands it entries through a bounded queue and never waits; one
/// loop writes them to the store in batches, and a second deletes entries past the retention hourly. A full queue
/// drops the new entry, a store that fails three times drops the batch; both are counted on the
/// <c>Octopus.Privacy</c> meter and logged, neither reaches a decision.
/// </summary>
internal sealed partial class DecisionLogWriter : IAsyncDisposable, IDisposable
{
    private const int BatchSize = 256;

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly Channel<DecisionLogEntry> _queue;
    private readonly IDecisionLog _log;
    private readonly DecisionLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writing;
    private readonly Task _pruning;
    private int _disposed;

    public DecisionLogWriter(IDecisionLog log, DecisionLogOptions options, TimeProvider? time = null, ILogger<DecisionLogWriter>? logger = null)
    {
        _log = Throw.IfNull(log);
        _options = Throw.IfNull(options);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _queue = Channel.CreateBounded<DecisionLogEntry>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _writing = Task.Run(WriteLoopAsync);
        _pruning = options.Retention is null ? Task.CompletedTask : Task.Run(PruneLoopAsync);
    }

    /// <summary>Gets a value indicating whether denied decisions are recorded.</summary>
    public bool RecordDenied => _options.RecordDenied;

    /// <summary>Gets the clock that stamps entries.</summary>
    public TimeProvider Time => _time;

    /// <summary>Queues an entry without waiting; when the queue is full the entry is dropped and counted.</summary>
    /// <returns><see langword="true"/> when queued.</returns>
    public bool Enqueue(DecisionLogEntry entry)
    {
        // With FullMode.Wait, TryWrite fails at once when full instead of dropping an older entry: the new entry is
        // the one dropped, and nothing already queued is lost.
        if (_queue.Writer.TryWrite(entry))
        {
            return true;
        }

        PrivacyTelemetry.CountDropped(1, "queue_full");
        return false;
    }

    /// <summary>Writes what is queued (for up to five seconds), then stops both loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        try
        {
            await _writing.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogNotDrained(_logger, _queue.Reader.Count);
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_writing, _pruning).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>As <see cref="DisposeAsync"/>, for a container disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteLoopAsync()
    {
        var batch = new List<DecisionLogEntry>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                await WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while the store was slow: what is still queued is dropped, and counted.
            PrivacyTelemetry.CountDropped(batch.Count + _queue.Reader.Count, "write_failed");
        }
    }

    private async Task WriteAsync(List<DecisionLogEntry> batch)
    {
        // An entry the store would refuse (a denial of a name no policy has, kept by RecordDenied) must not take the
        // batch's good entries with it.
        var valid = batch.Where(IsValid).ToList();
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

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "The decision log could not write {EntryCount} entries after retrying; they are dropped and counted on octopus.privacy.decision_log.dropped.")]
    private static partial void LogDropped(ILogger logger, Exception exception, int entryCount);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The decision log could not delete entries past their retention; it tries again within the hour.")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "The decision log stopped with {EntryCount} entries not written: the store did not take them within five seconds.")]
    private static partial void LogNotDrained(ILogger logger, int entryCount);
}
