using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Octopus.Privacy.Tests.Hosting;

/// <summary>The decision log as a service meets it: what the guard records, what it leaves out, and how it is set up.</summary>
public sealed class DecisionLogTests
{
    private static readonly string[] Email = ["contact.email"];

    [Fact]
    public async Task A_permitted_disclosure_to_a_third_party_is_recorded_with_the_rule_policy_and_ledger_version()
    {
        await using var services = Services();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        var ledger = services.GetRequiredService<IConsentLedger>();
        await ledger.AppendAsync("s-1", [ConsentChange.AcceptPolicy("1.0"), ConsentChange.Grant("marketing.offers")]);

        var before = DateTimeOffset.UtcNow;
        var decision = await guard.CheckAsync("s-1", ["identity.name", "contact.email"], "marketing.offers", "processor");
        var after = DateTimeOffset.UtcNow;
        var entries = await LoggedAsync(services, "s-1", 1);

        Assert.True(decision.IsPermitted);
        var entry = Assert.Single(entries);
        Assert.Equal(["identity.name", "contact.email"], entry.Categories);
        Assert.Equal(("marketing.offers", "processor", true, DecisionReason.Permitted), (entry.Purpose, entry.Recipient, entry.IsPermitted, entry.Reason));
        Assert.Equal((PrivacyPolicy.OctopusGroup.Name, PrivacyPolicy.OctopusGroup.Version), (entry.PolicyName, entry.PolicyVersion));
        Assert.Equal((decision.RuleId, decision.Clause), (entry.RuleId, entry.Clause));
        Assert.NotNull(entry.RuleId);
        Assert.Equal(2, entry.LedgerVersion);

        // Stamped from the coarse tick count and an anchor to the wall clock: the wall clock's time to a few milliseconds.
        Assert.InRange(entry.DecidedAt, before.AddMilliseconds(-50), after.AddMilliseconds(50));
    }

    [Fact]
    public async Task Uses_inside_the_company_or_for_the_person_and_denials_are_not_recorded_by_default()
    {
        await using var services = Services();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        await services.GetRequiredService<IConsentLedger>().AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);

        Assert.True(await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));
        Assert.True(await guard.IsPermittedAsync("s", Email, "subject.access", "subject"));
        Assert.False(await guard.IsPermittedAsync("s", ["account.credentials"], "legal.compliance", "authority"));

        // The one disclosure that is recorded comes after the others: when it is read back, they would have been too.
        Assert.True(await guard.IsPermittedAsync("s", Email, "legal.compliance", "authority"));
        var entry = Assert.Single(await LoggedAsync(services, "s", 1));
        Assert.Equal("authority", entry.Recipient);
        Assert.Equal("legal.compliance", entry.Purpose);
    }

    [Fact]
    public async Task With_RecordDenied_denials_are_recorded_too_and_names_no_store_accepts_are_dropped_not_thrown()
    {
        await using var services = Services(o => o.RecordDenied = true);
        var guard = services.GetRequiredService<IPrivacyGuard>();

        var denied = await guard.CheckAsync("s", Email, "marketing.offers", "processor");
        var unknown = await guard.CheckAsync("s", ["contact.email\nforged"], "marketing.offers", "processor");
        await guard.CheckAsync("s", Email, "legal.compliance", "authority");
        var entries = await LoggedAsync(services, "s", 2);

        Assert.Equal(DecisionReason.ConsentRequired, denied.Reason);
        Assert.Equal(DecisionReason.UnknownCategory, unknown.Reason);
        Assert.Equal([false, true], entries.Select(e => e.IsPermitted));
        Assert.Equal(DecisionReason.ConsentRequired, entries[0].Reason);
        Assert.Equal(0, entries[0].LedgerVersion);
    }

    [Fact]
    public async Task The_host_does_not_start_without_a_ledger_that_keeps_a_log_or_with_bad_options()
    {
        using var noLedger = Host.CreateDefaultBuilder().ConfigureServices(s => s.AddOctopusPrivacy().AddPrivacyDecisionLog()).Build();
        using var badOptions = Host.CreateDefaultBuilder().ConfigureServices(s => s.AddOctopusPrivacy().AddInMemoryConsentLedger().AddPrivacyDecisionLog(o =>
        {
            o.QueueCapacity = 0;
            o.Retention = TimeSpan.FromHours(1);
        })).Build();

        var missing = await Assert.ThrowsAsync<OptionsValidationException>(() => noLedger.StartAsync());
        var bad = await Assert.ThrowsAsync<OptionsValidationException>(() => badOptions.StartAsync());

        Assert.Contains("AddSqliteConsentLedger", missing.Message, StringComparison.Ordinal);
        Assert.Contains("QueueCapacity must be between 1 and 1,000,000; it is 0", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Retention must be at least one day", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_past_the_retention_are_deleted_when_the_writer_starts()
    {
        var time = new Octopus.Privacy.Testing.Ledger.ManualTime();
        var ledger = new InMemoryConsentLedger(PrivacyPolicy.OctopusGroup, time);
        await ledger.AppendDecisionsAsync(
        [
            new DecisionLogEntry(time.GetUtcNow().AddDays(-40), "s", Email, "legal.compliance", "authority", true, DecisionReason.Permitted, "p", "1", "r", null, 0),
            new DecisionLogEntry(time.GetUtcNow().AddDays(-20), "s", Email, "legal.compliance", "authority", true, DecisionReason.Permitted, "p", "1", "r", null, 0),
        ]);

        await using (var writer = new DecisionLogWriter(ledger, new DecisionLogOptions { Retention = TimeSpan.FromDays(30) }, time))
        {
            for (var i = 0; i < 200 && (await ToListAsync(ledger.ReadDecisionsAsync("s"))).Count != 1; i++)
            {
                await Task.Delay(10);
            }
        }

        var left = Assert.Single(await ToListAsync(ledger.ReadDecisionsAsync("s")));
        Assert.Equal(time.GetUtcNow().AddDays(-20), left.DecidedAt);
    }

    [Fact]
    public async Task Dropped_entries_are_counted_on_the_meter_and_nothing_queued_is_lost_on_dispose()
    {
        using var dropped = new DroppedDecisions();
        var ledger = new InMemoryConsentLedger(PrivacyPolicy.OctopusGroup, null);
        var writer = new DecisionLogWriter(ledger, new DecisionLogOptions { QueueCapacity = 4, Retention = null });
        var decision = PrivacyPolicy.OctopusGroup.Evaluate(new DataUseRequest(Email, "legal.compliance", "authority"));

        var queued = 0;
        for (var i = 0; i < 1000; i++)
        {
            queued += writer.Enqueue(new PendingDecision(DateTimeOffset.UtcNow, $"s-{i % 7}", Email, "legal.compliance", "authority", decision, "p", "1", 0)) ? 1 : 0;
        }

        await writer.DisposeAsync();
        var written = 0;
        for (var i = 0; i < 7; i++)
        {
            written += (await ToListAsync(ledger.ReadDecisionsAsync($"s-{i}"))).Count;
        }

        Assert.Equal(queued, written);
        Assert.Equal(1000 - queued, dropped.Count);
    }

    private static ServiceProvider Services(Action<DecisionLogOptions>? configure = null) =>
        new ServiceCollection().AddOctopusPrivacy().AddInMemoryConsentLedger().AddPrivacyDecisionLog(configure).BuildServiceProvider();

    /// <summary>The subject's entries once at least <paramref name="count"/> are written (the writer is in the background), at most after ten seconds.</summary>
    private static async Task<List<DecisionLogEntry>> LoggedAsync(IServiceProvider services, string subjectId, int count)
    {
        var log = (IDecisionLog)services.GetRequiredService<IConsentLedger>();
        for (var i = 0; ; i++)
        {
            var entries = await ToListAsync(log.ReadDecisionsAsync(subjectId));
            if (entries.Count >= count || i == 1000)
            {
                return entries;
            }

            await Task.Delay(10);
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
