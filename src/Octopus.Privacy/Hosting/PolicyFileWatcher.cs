using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Octopus.Privacy;

/// <summary>
/// Watches a policy file through <see cref="PhysicalFileProvider.Watch"/> change tokens and calls back once the
/// changes have been quiet for the reload delay.
/// </summary>
/// <remarks>
/// <para>
/// It watches everything below the file's directory, not just the file's name, because deployments rarely rewrite the
/// file in place: a Kubernetes ConfigMap volume swaps a <c>..data</c> symbolic link to a new directory (events for
/// dot-named entries are kept), and some tools delete the directory and create it again. While the directory is
/// missing, the nearest existing ancestor is watched for it to come back. The callback compares content, so unrelated
/// changes nearby cost one read of the file.
/// </para>
/// <para>
/// After each quiet period the watch is armed again before the callback reads the file, so a change made while the
/// file is being read starts another round instead of being missed.
/// </para>
/// </remarks>
internal sealed class PolicyFileWatcher : IDisposable
{
    private readonly string _directory;
    private readonly bool _usePolling;
    private readonly TimeSpan _quietPeriod;
    private readonly Action _onChanged;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private PhysicalFileProvider? _provider;
    private IDisposable? _registration;
    private long _changes;
    private int _pending;

    public PolicyFileWatcher(string fullPath, bool usePolling, TimeSpan quietPeriod, Action onChanged)
    {
        _directory = Path.GetDirectoryName(fullPath) ?? Path.GetPathRoot(fullPath)!;
        _usePolling = usePolling;
        _quietPeriod = quietPeriod;
        _onChanged = onChanged;
        Arm();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            _registration?.Dispose();
            _provider?.Dispose();
            _registration = null;
            _provider = null;
        }

        _stopping.Dispose();
    }

    /// <summary>Replaces the watch with a new one on the policy's directory, or on its nearest existing ancestor.</summary>
    private void Arm()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _registration?.Dispose();
            _provider?.Dispose();
            var (root, patterns) = WatchTarget(_directory);
            _provider = new PhysicalFileProvider(root, ExclusionFilters.None)
            {
                UsePollingFileWatcher = _usePolling,
                UseActivePolling = _usePolling,
            };
            var provider = _provider;
            var token = new CompositeChangeToken([.. patterns.Select(provider.Watch)]);
            _registration = token.RegisterChangeCallback(static state => ((PolicyFileWatcher)state!).OnChange(), this);
        }
    }

    private void OnChange()
    {
        Interlocked.Increment(ref _changes);
        if (Interlocked.CompareExchange(ref _pending, 1, 0) == 0)
        {
            _ = ReloadWhenQuietAsync();
        }
    }

    private async Task ReloadWhenQuietAsync()
    {
        try
        {
            // Re-arm at once: the token that fired is spent, and later events are what the quiet period waits out.
            Arm();
            long seen;
            do
            {
                seen = Interlocked.Read(ref _changes);
                await Task.Delay(_quietPeriod, _stopping.Token).ConfigureAwait(false);
            }
            while (seen != Interlocked.Read(ref _changes));

            Volatile.Write(ref _pending, 0);
            Arm();
            _onChanged();
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while arming.
        }
    }

    /// <summary>
    /// The directory to watch and the patterns, relative to it, that cover the policy's directory: everything below it,
    /// or, while it is missing, its own path too, so that its creation is seen even if a file written into it at once
    /// is not.
    /// </summary>
    private static (string Root, string[] Patterns) WatchTarget(string directory)
    {
        if (Directory.Exists(directory))
        {
            return (directory, ["**/*"]);
        }

        var missing = new List<string>();
        var current = directory;
        while (Path.GetDirectoryName(current) is { } parent)
        {
            missing.Insert(0, Path.GetFileName(current));
            if (Directory.Exists(parent))
            {
                var relative = string.Join('/', missing);
                return (parent, [relative, relative + "/**/*"]);
            }

            current = parent;
        }

        return (Path.GetPathRoot(directory)!, ["**/*"]);
    }
}
