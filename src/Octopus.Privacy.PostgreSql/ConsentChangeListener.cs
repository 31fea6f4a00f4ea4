using Npgsql;

namespace Octopus.Privacy.PostgreSql;

/// <summary>
/// One connection that <c>LISTEN</c>s on the ledger's channel and reports every subject another process appended
/// for. When the connection is lost it reports that anything may have changed (<see langword="null"/>), then
/// connects again by itself, waiting longer after each failure; meanwhile the guard's cache falls back to its
/// duration.
/// </summary>
internal sealed class ConsentChangeListener : IAsyncDisposable
{
    /// <summary>How long the connection may stay silent before it is checked with a query.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(50);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly TimeSpan _maxReconnectDelay;
    private readonly Action<string?> _changed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConsentChangeListener(NpgsqlDataSource dataSource, string channel, TimeSpan maxReconnectDelay, Action<string?> changed)
    {
        _dataSource = dataSource;
        _channel = channel;
        _maxReconnectDelay = maxReconnectDelay;
        _changed = changed;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Gets a value indicating whether the connection is listening now.</summary>
    public bool IsListening => Volatile.Read(ref _listening).Task.IsCompleted;

    /// <summary>Gets how many times the connection was established, the first included.</summary>
    public int Connections { get; private set; }

    /// <summary>Completes when the connection listens (at once when it does now).</summary>
    public Task WhenListening => Volatile.Read(ref _listening).Task;

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var delay = FirstReconnectDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                // The connection is lost or could not be made: fall through to reconnect.
            }

            if (IsListening)
            {
                Interlocked.Exchange(ref _listening, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                delay = FirstReconnectDelay;
            }

            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxReconnectDelay.Ticks));
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += (_, e) => _changed(e.Payload);
            await using (var listen = connection.CreateCommand())
            {
                listen.CommandText = $"LISTEN \"{_channel}\"";
                await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
            }

            // Appends made while nobody listened were not heard: anything cached may be stale.
            _changed(null);
            Connections++;
            Volatile.Read(ref _listening).TrySetResult();
            while (true)
            {
                if (!await connection.WaitAsync(KeepAlive, stop).ConfigureAwait(false))
                {
                    await using var ping = connection.CreateCommand();
                    ping.CommandText = "SELECT 1";
                    await ping.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }
            }
        }
    }
}
