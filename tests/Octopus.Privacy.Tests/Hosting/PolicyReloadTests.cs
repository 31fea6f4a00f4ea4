using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octopus.Privacy.Tests.Support;
using static Octopus.Privacy.Tests.Support.Reloads;
using static Octopus.Privacy.Tests.Support.Requests;

namespace Octopus.Privacy.Tests.Hosting;

/// <summary>Hot reload as deployments really replace files, with real files, links and directories.</summary>
public sealed class PolicyReloadTests : IDisposable
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(30);
    private readonly string _root = Directory.CreateTempSubdirectory("octopus-privacy-reload-").FullName;
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_Kubernetes_ConfigMap_update_that_swaps_the_data_link_is_picked_up()
    {
        // The layout kubelet makes: policy.json -> ..data/policy.json, ..data -> ..<timestamp>/
        var volume = Directory.CreateDirectory(Path.Combine(_root, "config")).FullName;
        WriteVersion(volume, "..2026_11_25_09_00_00.1", "first");
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2026_11_25_09_00_00.1");
        File.CreateSymbolicLink(Path.Combine(volume, "policy.json"), Path.Combine("..data", "policy.json"));
        using var services = Provider(Path.Combine(volume, "policy.json"));
        var policies = services.GetRequiredService<IPrivacyPolicyProvider>();
        Assert.Equal("first", RuleOf(policies));

        // An update: a new timestamped directory, a new link, renamed over ..data, the old directory removed.
        var reloaded = NextReload(policies, e => e.Succeeded);
        WriteVersion(volume, "..2026_11_25_09_05_00.2", "second");
        File.CreateSymbolicLink(Path.Combine(volume, "..data_tmp"), "..2026_11_25_09_05_00.2");
        RenameOver(Path.Combine(volume, "..data_tmp"), Path.Combine(volume, "..data"));
        Directory.Delete(Path.Combine(volume, "..2026_11_25_09_00_00.1"), recursive: true);

        await reloaded.WaitAsync(ReloadWait);
        Assert.Equal("second", RuleOf(policies));
        Assert.Null(policies.LastReloadError);
    }

    [Fact]
    public async Task The_policy_directory_deleted_and_created_again_is_picked_up()
    {
        var directory = Path.Combine(_root, "policy");
        var path = Path.Combine(Directory.CreateDirectory(directory).FullName, "policy.json");
        File.WriteAllText(path, Policy("first"));
        using var services = Provider(path);
        var policies = services.GetRequiredService<IPrivacyPolicyProvider>();

        var gone = NextReload(policies, e => !e.Succeeded);
        Directory.Delete(directory, recursive: true);
        var failure = await gone.WaitAsync(ReloadWait);
        Assert.Contains("Cannot read the policy file", failure.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("first", RuleOf(policies));

        var back = NextReload(policies, e => e.Succeeded);
        Directory.CreateDirectory(directory);
        File.WriteAllText(path, Policy("second"));
        await back.WaitAsync(ReloadWait);

        Assert.Equal("second", RuleOf(policies));
        Assert.Null(policies.LastReloadError);

        // And the watch is on the new directory: another change is seen too.
        var again = NextReload(policies, e => e.Succeeded);
        File.WriteAllText(path, Policy("third"));
        await again.WaitAsync(ReloadWait);
        Assert.Equal("third", RuleOf(policies));
    }

    [Fact]
    public async Task Polling_picks_up_a_change_where_file_events_do_not_arrive()
    {
        var path = Write("policy.json", Policy("first"));
        using var services = Provider(path, o => o.UsePollingFileWatcher = true);
        var policies = services.GetRequiredService<IPrivacyPolicyProvider>();

        var reloaded = NextReload(policies, e => e.Succeeded);
        File.WriteAllText(path, Policy("second"));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        await reloaded.WaitAsync(ReloadWait);

        Assert.Equal("second", RuleOf(policies));
    }

    [Fact]
    public async Task A_file_with_an_escaped_lone_surrogate_is_reported_on_reload_and_Reload_does_not_throw()
    {
        var path = Write("policy.json", Policy("first"));
        using var services = Provider(path);
        var policies = services.GetRequiredService<IPrivacyPolicyProvider>();

        var failed = NextReload(policies, e => !e.Succeeded);
        File.WriteAllText(path, Policy("first").Replace("\"Test policy\"", "\"\\ud800\"", StringComparison.Ordinal));
        var failure = await failed.WaitAsync(ReloadWait);

        Assert.Contains("lone surrogate", failure.Error!.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}(2,", failure.Error.Message, StringComparison.Ordinal);
        Assert.Same(failure.Error, policies.LastReloadError);
        Assert.False(policies.Reload());
        Assert.Equal("first", RuleOf(policies));
    }

    [Fact]
    public async Task A_file_with_an_escaped_lone_surrogate_stops_the_host_naming_the_file_and_position()
    {
        var path = Write("policy.json", Policy("first").Replace("\"Test policy\"", "\"\\ud800\"", StringComparison.Ordinal));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOctopusPrivacy(o => o.PolicyPath = path);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"{path}(2,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throwing_Reloaded_handler_stops_neither_other_handlers_nor_later_reloads()
    {
        var path = Write("policy.json", Policy("first"));
        using var services = Provider(path);
        var policies = services.GetRequiredService<IPrivacyPolicyProvider>();
        policies.Reloaded += (_, _) => throw new InvalidOperationException("a handler's own bug");

        var second = NextReload(policies, e => e.Succeeded && e.Policy.Rules[0].Id == "second");
        File.WriteAllText(path, Policy("second"));
        await second.WaitAsync(ReloadWait);

        var third = NextReload(policies, e => e.Succeeded && e.Policy.Rules[0].Id == "third");
        File.WriteAllText(path, Policy("third"));
        await third.WaitAsync(ReloadWait);

        Assert.Equal("third", RuleOf(policies));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException && e.Message.Contains("Reloaded handler", StringComparison.Ordinal));
        Assert.True(policies.Reload());
    }

    [Fact]
    public async Task Reloads_are_logged_with_the_policy_and_file_or_with_every_problem()
    {
        var path = Write("policy.json", Policy("first"));
        using var services = Provider(path);
        var policies = services.GetRequiredService<IPrivacyPolicyProvider>();
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Information && e.Message == $"Privacy policy Test policy 2 is in force, loaded from {path}.");

        var failed = NextReload(policies, e => !e.Succeeded);
        File.WriteAllText(path, PolicyText.WithRules("""{ "id": "a", "effect": "allow" }, { "id": "b", "effect": "deny" }"""));
        await failed.WaitAsync(ReloadWait);

        var error = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"Privacy policy file {path} was not loaded; Test policy 2 stays in force. 2 problem(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown effect 'allow'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown effect 'deny'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_start_up_validation_read_is_the_one_in_force_without_a_second_read()
    {
        var path = Write("policy.json", Policy("first"));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOctopusPrivacy(o => { o.PolicyPath = path; o.WatchPolicyFile = false; });
        using var host = builder.Build();
        await host.StartAsync();

        // Once validated at start, the file is not needed again: the provider takes the policy validation read.
        File.Delete(path);
        var policies = host.Services.GetRequiredService<IPrivacyPolicyProvider>();

        Assert.Equal("first", RuleOf(policies));
        Assert.Null(policies.LastReloadError);
        await host.StopAsync();
    }

    [Fact]
    public void A_prepared_request_follows_reloads_when_prepared_again_on_Reloaded()
    {
        var path = Write("policy.json", Policy("first"));
        using var services = Provider(path, o => o.WatchPolicyFile = false);
        var policies = services.GetRequiredService<IPrivacyPolicyProvider>();
        var prepared = policies.Current.Prepare(["stats"], "ops", "internal");
        policies.Reloaded += (_, e) => prepared = e.Policy.Prepare(["stats"], "ops", "internal");
        var stale = prepared;

        File.WriteAllText(path, Policy("second"));
        Assert.True(policies.Reload());

        Assert.Equal("first", stale.Evaluate(ConsentState.None).RuleId);
        Assert.Equal("second", prepared.Evaluate(ConsentState.None).RuleId);
    }

    /// <summary>rename(2), as kubelet swaps the link: File.Move does not move a link to a directory over another.</summary>
    private static void RenameOver(string source, string destination)
    {
        if (Rename(source, destination) != 0)
        {
            throw new IOException($"rename failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
#pragma warning disable CA2101, CA5392, SYSLIB1054 // A test's one call into libc, with plain ASCII temp paths.
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string source, [MarshalAs(UnmanagedType.LPUTF8Str)] string destination);
#pragma warning restore CA2101, CA5392, SYSLIB1054

    private static string RuleOf(IPrivacyPolicyProvider policies) => policies.Current.Evaluate(Use("stats", "ops", "internal")).RuleId!;

    private static string Policy(string ruleId) => PolicyText.WithRules($$"""{ "id": "{{ruleId}}", "effect": "permit" }""");

    private static void WriteVersion(string volume, string name, string ruleId) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(volume, name)).FullName, "policy.json"), Policy(ruleId));
    private ServiceProvider Provider(string path, Action<PrivacyOptions>? configure = null) => new ServiceCollection()
        .AddLogging(logging => logging.AddProvider(_logs))
        .AddOctopusPrivacy(o =>
        {
            o.PolicyPath = path;
            o.ReloadDelay = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        })
        .BuildServiceProvider();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));

        public void Dispose()
        {
        }
    }
}
