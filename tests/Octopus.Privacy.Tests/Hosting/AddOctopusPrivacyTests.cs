using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Octopus.Privacy.Tests.Support;
using static Octopus.Privacy.Tests.Support.Reloads;
using static Octopus.Privacy.Tests.Support.Requests;

namespace Octopus.Privacy.Tests.Hosting;

public sealed class AddOctopusPrivacyTests : IDisposable
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(20);
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_options_the_guard_decides_by_the_embedded_Octopus_Group_policy()
    {
        using var provider = new ServiceCollection().AddOctopusPrivacy().BuildServiceProvider();

        var guard = provider.GetRequiredService<IPrivacyGuard>();

        Assert.Same(PrivacyPolicy.OctopusGroup, provider.GetRequiredService<IPrivacyPolicyProvider>().Current);
        Assert.True(guard.IsPermitted(Use("contact.email", "marketing.offers", "internal", Accepted())));
        Assert.Equal(DecisionReason.PolicyNotAccepted, guard.Check(Use("contact.email", "marketing.offers", "internal")).Reason);
    }

    [Fact]
    public void Demand_throws_with_the_denying_decision()
    {
        using var provider = new ServiceCollection().AddOctopusPrivacy().BuildServiceProvider();
        var guard = provider.GetRequiredService<IPrivacyGuard>();

        var ex = Assert.Throws<PrivacyPolicyViolationException>(() => guard.Demand(Use("billing", "marketing.offers", "internal", Accepted())));
        guard.Demand(Use("billing", "service.provision", "internal"));

        Assert.Equal(DecisionReason.Forbidden, ex.Decision.Reason);
        Assert.Equal(ex.Decision.Explanation, ex.Message);
    }

    [Fact]
    public void Calling_it_twice_registers_each_service_once()
    {
        var services = new ServiceCollection().AddOctopusPrivacy().AddOctopusPrivacy(o => o.WatchPolicyFile = false);

        Assert.Single(services, d => d.ServiceType == typeof(IPrivacyGuard));
        Assert.Single(services, d => d.ServiceType == typeof(IPrivacyPolicyProvider));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<PrivacyOptions>));
        using var provider = services.BuildServiceProvider();
        Assert.False(provider.GetRequiredService<IOptions<PrivacyOptions>>().Value.WatchPolicyFile);
    }

    [Fact]
    public void Options_have_documented_defaults()
    {
        var options = new PrivacyOptions();

        Assert.Null(options.PolicyPath);
        Assert.True(options.WatchPolicyFile);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ReloadDelay);
        Assert.False(options.UsePollingFileWatcher);
    }

    [Fact]
    public void A_policy_file_replaces_the_default()
    {
        var path = Write("policy.json", PolicyText.WithRules("""{ "id": "p", "effect": "permit", "purposes": ["ops"] }"""));
        using var provider = new ServiceCollection().AddOctopusPrivacy(o => o.PolicyPath = path).BuildServiceProvider();

        var guard = provider.GetRequiredService<IPrivacyGuard>();

        Assert.True(guard.IsPermitted(Use("contact.email", "ops", "partner")));
        Assert.Equal(DecisionReason.UnknownCategory, guard.Check(Use("billing", "ops", "partner")).Reason);
    }

    [Fact]
    public async Task An_invalid_policy_file_stops_the_host_from_starting_with_every_problem_listed()
    {
        var path = Write("policy.json", PolicyText.WithRules("""{ "id": "a", "effect": "allow" }, { "id": "b", "effect": "deny" }"""));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOctopusPrivacy(o => o.PolicyPath = path);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Unknown effect 'allow'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown effect 'deny'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(120_000)]
    public async Task A_reload_delay_out_of_range_stops_the_host_from_starting(int milliseconds)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOctopusPrivacy(o => o.ReloadDelay = TimeSpan.FromMilliseconds(milliseconds));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ReloadDelay", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_file_is_swapped_in_and_an_invalid_one_keeps_the_policy_in_force()
    {
        var path = Write("policy.json", PolicyText.WithRules("""{ "id": "first", "effect": "permit" }"""));
        using var provider = new ServiceCollection()
            .AddOctopusPrivacy(o => { o.PolicyPath = path; o.ReloadDelay = TimeSpan.FromMilliseconds(50); })
            .BuildServiceProvider();
        var policies = provider.GetRequiredService<IPrivacyPolicyProvider>();
        var guard = provider.GetRequiredService<IPrivacyGuard>();
        Assert.Equal("first", guard.Check(Use("stats", "ops", "internal")).RuleId);

        var reloaded = NextReload(policies, e => e.Succeeded);
        Write("policy.json", PolicyText.WithRules("""{ "id": "second", "effect": "permit" }"""));
        var success = await reloaded.WaitAsync(ReloadWait);

        Assert.True(success.Succeeded);
        Assert.Equal("second", guard.Check(Use("stats", "ops", "internal")).RuleId);
        Assert.Null(policies.LastReloadError);

        var failed = NextReload(policies, e => !e.Succeeded);
        Write("policy.json", PolicyText.WithRules("""{ "id": "third", "effect": "allow" }"""));
        var failure = await failed.WaitAsync(ReloadWait);

        Assert.False(failure.Succeeded);
        Assert.Same(policies.Current, failure.Policy);
        Assert.Equal("second", guard.Check(Use("stats", "ops", "internal")).RuleId);
        Assert.Contains("Unknown effect 'allow'", policies.LastReloadError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_reads_the_file_now_and_reports_whether_it_was_swapped_in()
    {
        var path = Write("policy.json", PolicyText.WithRules("""{ "id": "first", "effect": "permit" }"""));
        using var provider = new ServiceCollection()
            .AddOctopusPrivacy(o => { o.PolicyPath = path; o.WatchPolicyFile = false; })
            .BuildServiceProvider();
        var policies = provider.GetRequiredService<IPrivacyPolicyProvider>();
        var before = policies.Current;

        File.Delete(path);
        Assert.False(policies.Reload());
        Assert.Same(before, policies.Current);
        Assert.Contains("Cannot read the policy file", policies.LastReloadError!.Message, StringComparison.Ordinal);

        Write("policy.json", PolicyText.WithRules("""{ "id": "second", "effect": "permit" }"""));
        Assert.True(policies.Reload());
        Assert.Equal("second", Assert.Single(policies.Current.Rules).Id);
        Assert.Null(policies.LastReloadError);
    }

    [Fact]
    public void Without_a_policy_file_there_is_nothing_to_reload()
    {
        using var provider = new ServiceCollection().AddOctopusPrivacy().BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IPrivacyPolicyProvider>().Reload());
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => OctopusPrivacyServiceCollectionExtensions.AddOctopusPrivacy(null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOctopusPrivacy(null!));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
