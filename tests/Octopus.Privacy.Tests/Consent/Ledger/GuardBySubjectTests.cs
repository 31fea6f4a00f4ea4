using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy.Testing.Ledger;

namespace Octopus.Privacy.Tests.Consent.Ledger;

/// <summary>Decisions by subject id: the ledger's state through the guard's cache, seen at once after this process's appends.</summary>
public sealed class GuardBySubjectTests
{
    private static readonly string[] Email = ["contact.email"];

    [Fact]
    public async Task The_guard_decides_with_what_the_ledger_records_for_the_subject()
    {
        using var services = Services();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        var ledger = services.GetRequiredService<IConsentLedger>();

        Assert.False(await guard.IsPermittedAsync("s-1", Email, "marketing.offers", "internal"));
        Assert.Equal(DecisionReason.PolicyNotAccepted, (await guard.CheckAsync("s-1", Email, "marketing.offers", "internal")).Reason);

        await ledger.AppendAsync("s-1", [ConsentChange.AcceptPolicy("1.0")]);
        Assert.True(await guard.IsPermittedAsync("s-1", Email, "marketing.offers", "internal"));

        // A withdrawal through this process's ledger is seen by the very next decision, cache or not.
        await ledger.AppendAsync("s-1", [ConsentChange.Withdraw("marketing.offers")]);
        Assert.False(await guard.IsPermittedAsync("s-1", Email, "marketing.offers", "internal"));
        Assert.Equal(DecisionReason.ConsentWithdrawn, (await guard.CheckAsync("s-1", Email, "marketing.offers", "internal")).Reason);
    }

    [Fact]
    public async Task Unknown_names_are_denials_with_a_reason_not_exceptions()
    {
        using var services = Services();
        var guard = services.GetRequiredService<IPrivacyGuard>();

        Assert.Equal(DecisionReason.UnknownPurpose, (await guard.CheckAsync("s", Email, "resale", "internal")).Reason);
        Assert.Equal(DecisionReason.UnknownRecipient, (await guard.CheckAsync("s", Email, "marketing.offers", "data-broker")).Reason);
        Assert.False(await guard.IsPermittedAsync("s", ["ssn"], "marketing.offers", "internal"));
    }

    [Fact]
    public async Task A_warm_decision_reads_nothing_and_appends_elsewhere_are_seen_after_the_cache_duration()
    {
        var time = new ManualTime();
        var shared = new InMemoryConsentLedger(time);
        var counting = new CountingLedger(shared);
        using var services = Services(counting, time, o => o.ConsentCacheDuration = TimeSpan.FromSeconds(1));
        var guard = services.GetRequiredService<IPrivacyGuard>();

        Assert.False(await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));
        Assert.False(await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));
        Assert.Equal(1, counting.Reads);

        // Another process appends (the shared ledger, not through this guard's ledger): not seen until the snapshot expires.
        await shared.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));
        Assert.Equal(2, counting.Reads);
    }

    [Fact]
    public async Task A_zero_cache_duration_reads_the_ledger_for_every_decision()
    {
        var counting = new CountingLedger(new InMemoryConsentLedger());
        using var services = Services(counting, TimeProvider.System, o => o.ConsentCacheDuration = TimeSpan.Zero);
        var guard = services.GetRequiredService<IPrivacyGuard>();

        for (var i = 0; i < 3; i++)
        {
            await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal");
        }

        Assert.Equal(3, counting.Reads);
    }

    [Fact]
    public async Task The_cache_keeps_at_most_its_size()
    {
        var time = new ManualTime();
        var counting = new CountingLedger(new InMemoryConsentLedger(time));
        using var services = Services(counting, time, o => o.ConsentCacheSize = 2);
        var guard = services.GetRequiredService<IPrivacyGuard>();

        foreach (var subject in new[] { "a", "b", "c", "a" })
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await guard.IsPermittedAsync(subject, Email, "marketing.offers", "internal");
        }

        // "c" did not fit beside "a" and "b": the older half ("a") went, so "a" is read again.
        Assert.Equal(4, counting.Reads);
    }

    [Fact]
    public async Task Without_a_ledger_the_subject_methods_say_which_call_registers_one()
    {
        using var services = new ServiceCollection().AddOctopusPrivacy().BuildServiceProvider();
        var guard = services.GetRequiredService<IPrivacyGuard>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));

        Assert.Contains("AddInMemoryConsentLedger()", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddSqliteConsentLedger(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guard_written_before_decisions_by_subject_still_compiles_and_says_it_cannot_decide_by_subject()
    {
        IPrivacyGuard guard = new OlderGuard();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));

        Assert.Contains("OlderGuard does not decide by subject id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_reported_by_another_thread_while_a_read_is_being_kept_is_not_lost()
    {
        // Another process withdraws while this guard keeps what it read just before: the report of the change comes
        // from the ledger's listening thread, at the moment the cache stores the stale read (the clock is asked for
        // the entry's expiry there). The stale read must not outlive the report.
        var shared = new InMemoryConsentLedger();
        await shared.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
        var feed = new CountingLedger(shared);
        var time = new HookedTime();
        using var services = Services(feed, time, o => o.ConsentCacheDuration = TimeSpan.FromHours(1));
        var guard = services.GetRequiredService<IPrivacyGuard>();
        Thread? listening = null;
        time.Hook = () =>
        {
            shared.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]).AsTask().GetAwaiter().GetResult();
            listening = new Thread(() => feed.Report("s"));
            listening.Start();

            // Gives the report every chance to land before the store; a store that excludes it makes this wait in vain.
            listening.Join(TimeSpan.FromMilliseconds(300));
        };

        var first = await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal");
        Assert.True(listening!.Join(TimeSpan.FromSeconds(30)));

        Assert.True(first);
        Assert.False(await guard.IsPermittedAsync("s", Email, "marketing.offers", "internal"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void A_cache_duration_out_of_range_stops_the_start(int seconds)
    {
        using var services = new ServiceCollection().AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromSeconds(seconds)).AddInMemoryConsentLedger().BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrivacyOptions>>().Value);

        Assert.Contains("ConsentCacheDuration", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(IConsentLedger? ledger = null, TimeProvider? time = null, Action<PrivacyOptions>? configure = null)
    {
        var services = new ServiceCollection().AddOctopusPrivacy(configure ?? (_ => { }));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (ledger is not null)
        {
            services.AddSingleton(ledger);
        }
        else
        {
            services.AddInMemoryConsentLedger();
        }

        return services.BuildServiceProvider();
    }

    /// <summary>An application's own guard, implementing only the synchronous checks.</summary>
    private sealed class OlderGuard : IPrivacyGuard
    {
        public PolicyDecision Check(DataUseRequest request) => PrivacyPolicy.OctopusGroup.Evaluate(request);

        public bool IsPermitted(DataUseRequest request) => Check(request).IsPermitted;

        public void Demand(DataUseRequest request)
        {
            if (!IsPermitted(request))
            {
                throw new PrivacyPolicyViolationException(Check(request));
            }
        }
    }

    /// <summary>The system clock, running a hook once the next time a timestamp is asked for.</summary>
    private sealed class HookedTime : TimeProvider
    {
        public Action? Hook { get; set; }

        public override long GetTimestamp()
        {
            if (Hook is { } hook)
            {
                Hook = null;
                hook();
            }

            return base.GetTimestamp();
        }
    }

    /// <summary>
    /// A ledger that counts the reads the guard makes: another process's view of a shared ledger. It tells no one of
    /// appends by itself; <see cref="Report"/> reports a change made elsewhere, as a store's listening connection does.
    /// </summary>
    private sealed class CountingLedger(IConsentLedger inner) : IConsentLedger, IConsentChangeFeed
    {
        private int _reads;

        public event EventHandler<ConsentChangedEventArgs>? SubjectChanged;

        public int Reads => _reads;

        public void Report(string subjectId) => SubjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));

        public ValueTask<ConsentAppendResult> AppendAsync(string subjectId, IReadOnlyList<ConsentChange> changes, ConsentAppendOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(subjectId, changes, options, cancellationToken);

        public ValueTask<ConsentSnapshot> GetAsync(string subjectId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return inner.GetAsync(subjectId, cancellationToken);
        }

        public ValueTask<ConsentSnapshot> GetAsOfAsync(string subjectId, DateTimeOffset asOf, CancellationToken cancellationToken = default) => inner.GetAsOfAsync(subjectId, asOf, cancellationToken);

        public IAsyncEnumerable<ConsentRecord> ReadHistoryAsync(string subjectId, CancellationToken cancellationToken = default) => inner.ReadHistoryAsync(subjectId, cancellationToken);

        public IAsyncEnumerable<ConsentRecord> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) => inner.ReadAllAsync(afterPosition, cancellationToken);

        public IAsyncEnumerable<string> FindPermittedSubjectsAsync(PrivacyPolicy policy, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default) =>
            inner.FindPermittedSubjectsAsync(policy, categories, purpose, recipient, cancellationToken);
    }
}
