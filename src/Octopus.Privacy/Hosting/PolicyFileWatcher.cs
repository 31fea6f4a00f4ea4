using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Octopus.Privacy;

/// <summary>
/// Watches a policy file through <see cref="PhysicalFileProvider.Watch"/> change tokens, kept armed by
/// <see cref="ChangeToken.OnChange(Func{IChangeToken?}, Action)"/>, and calls back once the changes have been quiet for
/// the reload delay.
/// </summary>
/// <remarks>
/// <para>
/// It watches everything below the file's directory, not just the file's name, because deployments rarely rewrite the
/// file in place: a Kubernetes ConfigMap volume swaps a <c>..data</c> symbolic link to a new directory (events for
/// dot-named entries are kept), and some tools delete the directory and create it again. While the directory is
/// missing, the nearest existing ancestor is watched for it to come back; each new token is made for whichever of the
/// two exists then. The callback compares content, so unrelated changes nearby cost one read of the file.
/// </para>
/// <para>
/// The watch is armed in one place: <see cref="ChangeToken.OnChange(Func{IChangeToken?}, Action)"/> asks for a new
/// token as soon as one fires, so a change made while the file is being read starts another round instead of being
/// missed.
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
    private readonly IDisposable _registration;
    private PhysicalFileProvider? _provider;
    private string? _root;
    private CancellationTokenSource? _moved;
    private long _changes;
    private int _pending;

    public PolicyFileWatcher(string fullPath, bool usePolling, TimeSpan quietPeriod, Action onChanged)
    {
        _directory = Path.GetDirectoryName(fullPath) ?? Path.GetPathRoot(fullPath)!;
        _usePolling = usePolling;
        _quietPeriod = quietPeriod;
        _onChanged = onChanged;
        _registration = ChangeToken.OnChange(Watch, OnChange);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            _registration.Dispose();
            _provider?.Dispose();
            _provider = null;
            _moved = null;
        }

        _stopping.Dispose();
    }

    /// <summary>A token for the next change below the policy's directory, or below its nearest existing ancestor.</summary>
    private IChangeToken Watch()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return NullChangeToken.Singleton;
            }

            var (root, patterns) = WatchTarget(_directory);
            if (_provider is null || !string.Equals(_root, root, StringComparison.Ordinal))
            {
                _provider?.Dispose();
                _provider = new PhysicalFileProvider(root, ExclusionFilters.None)
                {
                    UsePollingFileWatcher = _usePolling,
                    UseActivePolling = _usePolling,
                };
                _root = root;
            }

            // A token of its own, fired when the quiet period ends with the watched directory gone or back: a change
            // seen while a directory was being deleted may have armed a watch on the directory about to vanish.
            // (The spent source is left to the collector: it may be cancelling right now, on this very thread.)
            _moved = new CancellationTokenSource();
            var provider = _provider;
            return new CompositeChangeToken([.. patterns.Select(provider.Watch), new CancellationChangeToken(_moved.Token)]);
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
            long seen;
            do
            {
                seen = Interlocked.Read(ref _changes);
                await Task.Delay(_quietPeriod, _stopping.Token).ConfigureAwait(false);
            }
            while (seen != Interlocked.Read(ref _changes));

            Volatile.Write(ref _pending, 0);
            CancellationTokenSource? moved = null;
            lock (_gate)
            {
                if (!_stopping.IsCancellationRequested && !string.Equals(WatchTarget(_directory).Root, _root, StringComparison.Ordinal))
                {
                    moved = _moved;
                }
            }

            moved?.Cancel();
            _onChanged();
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting.
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
