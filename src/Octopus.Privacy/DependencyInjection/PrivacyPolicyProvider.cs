using Microsoft.Extensions.Options;

namespace Octopus.Privacy;

/// <summary>
/// Loads the configured policy, watches its file, and swaps a valid new version in with one reference write.
/// </summary>
internal sealed class PrivacyPolicyProvider : IPrivacyPolicyProvider, IDisposable
{
    private readonly string? _path;
    private readonly TimeSpan _reloadDelay;
    private readonly object _reloadGate = new();
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _debounce;
    private PrivacyPolicy _current;
    private PolicyValidationException? _lastReloadError;

    public PrivacyPolicyProvider(IOptions<PrivacyOptions> options)
    {
        var settings = Throw.IfNull(options).Value;
        _reloadDelay = settings.ReloadDelay;
        if (settings.PolicyPath is null)
        {
            _current = PrivacyPolicy.OctopusGroup;
            return;
        }

        _path = Path.GetFullPath(settings.PolicyPath);
        _current = PrivacyPolicy.Load(_path);
        if (settings.WatchPolicyFile)
        {
            _debounce = new Timer(static state => ((PrivacyPolicyProvider)state!).ReloadFromWatcher(), this, Timeout.Infinite, Timeout.Infinite);
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.Deleted += OnFileEvent;
            _watcher.EnableRaisingEvents = true;
        }
    }

    public event EventHandler<PolicyReloadedEventArgs>? Reloaded;

    public PrivacyPolicy Current => Volatile.Read(ref _current);

    public PolicyValidationException? LastReloadError => Volatile.Read(ref _lastReloadError);

    public bool Reload()
    {
        if (_path is null)
        {
            return false;
        }

        PolicyReloadedEventArgs result;
        lock (_reloadGate)
        {
            try
            {
                var policy = PrivacyPolicy.Load(_path);
                Volatile.Write(ref _current, policy);
                Volatile.Write(ref _lastReloadError, null);
                result = new PolicyReloadedEventArgs(policy, null);
            }
            catch (PolicyValidationException ex)
            {
                Volatile.Write(ref _lastReloadError, ex);
                result = new PolicyReloadedEventArgs(Current, ex);
            }
        }

        Reloaded?.Invoke(this, result);
        return result.Succeeded;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private void ReloadFromWatcher()
    {
        try
        {
            Reload();
        }
#pragma warning disable CA1031 // A throwing Reloaded handler must not take the process down from a timer thread.
        catch (Exception)
#pragma warning restore CA1031
        {
            // The outcome of the reload itself is in Current and LastReloadError; only a handler can throw here.
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) =>
        _debounce?.Change(_reloadDelay, Timeout.InfiniteTimeSpan);
}
