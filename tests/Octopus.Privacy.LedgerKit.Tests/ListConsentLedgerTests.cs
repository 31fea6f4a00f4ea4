using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy.Testing.Ledger;

namespace Octopus.Privacy.LedgerKit.Tests;

/// <summary>The ledger contract, unchanged, on a store written with the public kit only; and that store behind the guard.</summary>
public sealed class ListConsentLedgerTests : ConsentLedgerContract
{
    protected override Task<IConsentLedger> CreateAsync(TimeProvider time, PrivacyPolicy? policy) =>
        Task.FromResult<IConsentLedger>(new ListConsentLedger(policy, time));

    [Fact]
    public async Task The_guard_decides_by_subject_with_a_store_of_ones_own_and_its_change_feed_drops_the_cached_state()
    {
        var ledger = new ListConsentLedger(PrivacyPolicy.OctopusGroup, TimeProvider.System);
        await using var services = new ServiceCollection()
            .AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromHours(1))
            .AddSingleton<IConsentLedger>(ledger)
            .BuildServiceProvider();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);

        Assert.True(await guard.IsPermittedAsync("s", ["contact.email"], "marketing.offers", "internal"));
        await ledger.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]);

        // Cached for an hour, yet the next decision sees the withdrawal: the store's feed dropped the subject.
        Assert.False(await guard.IsPermittedAsync("s", ["contact.email"], "marketing.offers", "internal"));
    }

    [Fact]
    public void The_fold_is_the_one_a_state_built_by_hand_has()
    {
        ConsentChange[] changes = [ConsentChange.AcceptPolicy("1.0"), ConsentChange.Grant("a"), ConsentChange.Withdraw("b"), ConsentChange.Withdraw("a"), ConsentChange.AcceptPolicy("2.0")];

        var folded = ConsentChange.Fold(changes);

        Assert.Equal("2.0", folded.AcceptedPolicyVersion);
        Assert.Equal(["a", "b"], folded.RecordedPurposes);
        Assert.Equal((ConsentStatus.Withdrawn, ConsentStatus.Withdrawn), (folded.StatusOf("a"), folded.StatusOf("b")));
        Assert.Equal(ConsentState.Create("2.0", withdrawn: ["a", "b"]).ToString(), folded.ToString());
        Assert.Throws<ArgumentException>(() => ConsentChange.Fold([new ConsentChange((ConsentAction)9, "a")]));
    }
}
