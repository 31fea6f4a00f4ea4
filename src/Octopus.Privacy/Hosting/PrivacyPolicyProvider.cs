using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Octopus.Privacy;

/// <summary>
/// Holds the policy in force: the embedded default, or the configured file as start-up validation loaded it. Watches
/// the file and swaps a valid new version in with one reference write; an invalid one keeps the policy in force.
/// </summary>
internal sealed partial class PrivacyPolicyProvider : IPrivacyPolicyProvider, IDisposable
{
    private readonly string? _path;
    private readonly ILogger _logger;
    private readonly object _reloadGate = new();
    private readonly PolicyFileWatcher? _watcher;
    private PrivacyPolicy _current;
    private PolicyValidationException? _lastReloadError;
    private byte[]? _lastContentHash;
    private string? _lastFailure;

    public PrivacyPolicyProvider(IOptionsMonitor<PrivacyOptions> options, StartupPolicyCache startup, ILogger<PrivacyPolicyProvider>? logger = null)
    {
        Throw.IfNull(options);
        Throw.IfNull(startup);
        _logger = logger ?? (ILogger)NullLogger.Instance;

        // CurrentValue runs the options validators once (the same cache as ValidateOnStart), which load the file.
        var settings = options.CurrentValue;
        if (settings.PolicyPath is null)
        {
            _current = PrivacyPolicy.OctopusGroup;
            return;
        }

        var loaded = startup.Take(Path.GetFullPath(settings.PolicyPath));
        _path = loaded.FullPath;
        _current = loaded.Policy;
        _lastContentHash = loaded.ContentHash;
        LogLoaded(_logger, _current.Name, _current.Version, _path);
        if (settings.WatchPolicyFile)
        {
            _watcher = new PolicyFileWatcher(_path, settings.UsePollingFileWatcher, settings.ReloadDelay, ReloadIfChanged);
        }
    }

    public event EventHandler<PolicyReloadedEventArgs>? Reloaded;

    public PrivacyPolicy Current => Volatile.Read(ref _current);

    public PolicyValidationException? LastReloadError => Volatile.Read(ref _lastReloadError);

    public bool Reload() => _path is not null && Reload(onlyIfChanged: false);

    public void Dispose() => _watcher?.Dispose();

    private void ReloadIfChanged() => Reload(onlyIfChanged: true);

    private bool Reload(bool onlyIfChanged)
    {
        PolicyReloadedEventArgs? result;
        lock (_reloadGate)
        {
            result = Attempt(onlyIfChanged);
        }

        if (result is null)
        {
            return true;
        }

        Notify(result);
        return result.Succeeded;
    }

    /// <summary>
    /// Reads the file and swaps it in when valid; null when its bytes are those of the last attempt (compared by hash
    /// before anything is compiled) or it fails to read as it failed before.
    /// </summary>
    private PolicyReloadedEventArgs? Attempt(bool onlyIfChanged)
    {
        byte[] bytes;
        try
        {
            bytes = PrivacyPolicy.ReadFile(_path!);
        }
        catch (PolicyValidationException ex)
        {
            if (onlyIfChanged && string.Equals(_lastFailure, ex.Message, StringComparison.Ordinal))
            {
                return null;
            }

            _lastFailure = ex.Message;
            _lastContentHash = null;
            return Failed(ex);
        }

        var hash = SHA256.HashData(bytes);
        if (onlyIfChanged && _lastContentHash is { } previous && previous.AsSpan().SequenceEqual(hash))
        {
            return null;
        }

        _lastContentHash = hash;
        _lastFailure = null;
        PrivacyPolicy policy;
        try
        {
            policy = PrivacyPolicy.FromFile(bytes, _path!);
        }
        catch (PolicyValidationException ex)
        {
            // The same invalid bytes again are skipped by their hash; the policy in force stays.
            return Failed(ex);
        }

        Volatile.Write(ref _current, policy);
        Volatile.Write(ref _lastReloadError, null);
        LogLoaded(_logger, policy.Name, policy.Version, _path!);
        return new PolicyReloadedEventArgs(policy, null);
    }

    private PolicyReloadedEventArgs Failed(PolicyValidationException ex)
    {
        Volatile.Write(ref _lastReloadError, ex);
        LogReloadFailed(_logger, _path!, Current.Name, Current.Version, ex.Problems.Count, ex.Message);
        return new PolicyReloadedEventArgs(Current, ex);
    }

    /// <summary>Calls each handler on its own, so one that throws neither stops the others nor later reloads.</summary>
    private void Notify(PolicyReloadedEventArgs result)
    {
        if (Reloaded is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<PolicyReloadedEventArgs>)handler)(this, result);
            }
#pragma warning disable CA1031 // A handler's failure is the handler's; it is logged, and reloading goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, ex, _path!);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Privacy policy {PolicyName} {PolicyVersion} is in force, loaded from {PolicyFile}.")]
    private static partial void LogLoaded(ILogger logger, string policyName, string policyVersion, string policyFile);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Privacy policy file {PolicyFile} was not loaded; {PolicyName} {PolicyVersion} stays in force. {ProblemCount} problem(s): {Problems}")]
    private static partial void LogReloadFailed(ILogger logger, string policyFile, string policyName, string policyVersion, int problemCount, string problems);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "A Reloaded handler threw after a reload of {PolicyFile}; later reloads go on.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string policyFile);
}
