namespace Octopus.Privacy.Tests.Consent;

public sealed class ConsentStateTests
{
    [Fact]
    public void Nothing_is_recorded_in_the_empty_state()
    {
        Assert.Null(ConsentState.None.AcceptedPolicyVersion);
        Assert.Equal(ConsentStatus.Unknown, ConsentState.None.StatusOf("marketing.offers"));
        Assert.Equal(0, ConsentState.None.RecordedPurposeCount);
    }

    [Fact]
    public void Every_method_returns_a_new_state_and_leaves_the_old_one_unchanged()
    {
        var before = ConsentState.None.AcceptPolicy("1.0");

        var after = before.Grant("marketing.offers");

        Assert.NotSame(before, after);
        Assert.Equal(ConsentStatus.Unknown, before.StatusOf("marketing.offers"));
        Assert.Equal(ConsentStatus.Granted, after.StatusOf("marketing.offers"));
        Assert.Equal("1.0", after.AcceptedPolicyVersion);
    }

    [Fact]
    public void The_latest_action_for_a_purpose_wins()
    {
        var state = ConsentState.None.Grant("a").Withdraw("a").Grant("b").Withdraw("b").Grant("b");

        Assert.Equal(ConsentStatus.Withdrawn, state.StatusOf("a"));
        Assert.Equal(ConsentStatus.Granted, state.StatusOf("b"));
        Assert.Equal(2, state.RecordedPurposeCount);
    }

    [Fact]
    public void Accepting_a_version_replaces_the_version_accepted_before()
    {
        Assert.Equal("2", ConsentState.None.AcceptPolicy("1").AcceptPolicy("2").AcceptedPolicyVersion);
    }

    [Fact]
    public void Many_purposes_are_looked_up_correctly()
    {
        var state = ConsentState.None;
        for (var i = 0; i < 40; i++)
        {
            state = i % 3 == 0 ? state.Withdraw($"p{i}") : state.Grant($"p{i}");
        }

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(i % 3 == 0 ? ConsentStatus.Withdrawn : ConsentStatus.Granted, state.StatusOf($"p{i}"));
        }

        Assert.Equal(ConsentStatus.Unknown, state.StatusOf("p40"));
        Assert.Equal(ConsentStatus.Unknown, state.StatusOf(null!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_names_are_argument_errors(string? name)
    {
        Assert.ThrowsAny<ArgumentException>(() => ConsentState.None.Grant(name!));
        Assert.ThrowsAny<ArgumentException>(() => ConsentState.None.Withdraw(name!));
        Assert.ThrowsAny<ArgumentException>(() => ConsentState.None.AcceptPolicy(name!));
    }

    [Fact]
    public void ToString_shows_what_is_recorded()
    {
        Assert.Equal(
            "ConsentState { accepted: 1.0, ads: Granted }",
            ConsentState.None.AcceptPolicy("1.0").Grant("ads").ToString());
    }
}
