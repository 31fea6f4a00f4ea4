namespace Octopus.Privacy.Testing.Ledger;

/// <summary>
/// The rules every consent ledger keeps, run against each store: in memory, SQLite, and PostgreSQL. A store's test
/// class derives from this one and says how to make a fresh, empty ledger. The tests are skippable because a store
/// may need a server the machine lacks (PostgreSQL outside CI): its <see cref="CreateAsync"/> then skips, saying why.
/// </summary>
public abstract partial class ConsentLedgerContract
{
    /// <summary>A small policy: <c>news</c> needs an acceptance of version 2 (opt-out), <c>ads</c> a grant (opt-in).</summary>
    protected static readonly PrivacyPolicy Policy = PrivacyPolicy.Parse("""
        {
          "name": "Ledger test policy",
          "version": "2",
          "acceptedVersions": ["2"],
          "categories": { "contact.email": { "personal": true } },
          "purposes": { "news": { "consent": "opt-out" }, "ads": { "consent": "opt-in" }, "ops": { "consent": "none" } },
          "recipients": { "internal": {} },
          "rules": [ { "id": "contact", "effect": "permit", "purposes": ["news", "ads", "ops"] } ]
        }
        """);

    /// <summary>A new, empty ledger whose records are stamped by <paramref name="time"/>, checking names against <paramref name="policy"/> when given.</summary>
    protected abstract Task<IConsentLedger> CreateAsync(TimeProvider time, PrivacyPolicy? policy);

    /// <summary>A new, empty ledger for <see cref="Policy"/>.</summary>
    protected Task<IConsentLedger> CreateAsync(TimeProvider time) => CreateAsync(time, Policy);

    [SkippableFact]
    public async Task Appends_number_each_subjects_records_without_gaps_and_position_them_in_one_growing_order()
    {
        var ledger = await CreateAsync(new ManualTime());

        var first = await ledger.AppendAsync("s-1", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")]);
        var other = await ledger.AppendAsync("s-2", [ConsentChange.Withdraw("news")]);
        var second = await ledger.AppendAsync("s-1", [ConsentChange.Withdraw("ads")]);

        Assert.Equal(new ConsentAppendResult(2, first.Position, false), first);
        Assert.Equal(1, other.Version);
        Assert.Equal(3, second.Version);
        Assert.True(first.Position < other.Position && other.Position < second.Position);
        var history = await ToListAsync(ledger.ReadHistoryAsync("s-1"));
        Assert.Equal([1L, 2L, 3L], history.Select(r => r.Version));
        Assert.Equal([ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads"), ConsentChange.Withdraw("ads")], history.Select(r => r.Change));
        var all = await ToListAsync(ledger.ReadAllAsync());
        Assert.Equal(4, all.Count);
        Assert.Equal(all.Select(r => r.Position).Order(), all.Select(r => r.Position));
        Assert.Equal(all.Count, all.Select(r => r.Position).Distinct().Count());
        Assert.Equal(second.Position, all[^1].Position);
    }

    [SkippableFact]
    public async Task The_state_is_the_fold_of_the_history_with_ConsentStates_own_methods()
    {
        // Version 1 is no longer one the policy accepts: a ledger without a policy records it, as one imported from an older system would.
        var ledger = await CreateAsync(new ManualTime(), null);
        ConsentChange[] changes = [ConsentChange.AcceptPolicy("1"), ConsentChange.Grant("ads"), ConsentChange.Withdraw("news"), ConsentChange.AcceptPolicy("2"), ConsentChange.Withdraw("ads"), ConsentChange.Grant("news")];
        foreach (var change in changes)
        {
            await ledger.AppendAsync("s", [change]);
        }

        var snapshot = await ledger.GetAsync("s");

        var expected = changes.Aggregate(ConsentState.None, (state, c) => c.Action switch
        {
            ConsentAction.AcceptPolicy => state.AcceptPolicy(c.Value),
            ConsentAction.Grant => state.Grant(c.Value),
            _ => state.Withdraw(c.Value),
        });
        Assert.Equal(6, snapshot.Version);
        Assert.Equal("s", snapshot.SubjectId);
        Assert.Equal(expected.AcceptedPolicyVersion, snapshot.State.AcceptedPolicyVersion);
        Assert.Equal(expected.StatusOf("ads"), snapshot.State.StatusOf("ads"));
        Assert.Equal(expected.StatusOf("news"), snapshot.State.StatusOf("news"));
        Assert.Equal(ConsentStatus.Withdrawn, snapshot.State.StatusOf("ads"));
        Assert.Equal(ConsentStatus.Granted, snapshot.State.StatusOf("news"));
    }

    [SkippableFact]
    public async Task A_subject_with_nothing_recorded_is_version_0_with_no_consent()
    {
        var ledger = await CreateAsync(new ManualTime());

        var snapshot = await ledger.GetAsync("nobody");

        Assert.Equal(0, snapshot.Version);
        Assert.Null(snapshot.State.AcceptedPolicyVersion);
        Assert.Equal(0, snapshot.State.RecordedPurposeCount);
        Assert.Empty(await ToListAsync(ledger.ReadHistoryAsync("nobody")));
    }

    [SkippableFact]
    public async Task Records_keep_when_and_how_consent_was_given()
    {
        var time = new ManualTime();
        var ledger = await CreateAsync(time);
        var occurred = new DateTimeOffset(2025, 12, 24, 18, 30, 0, TimeSpan.Zero);

        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2")], new ConsentAppendOptions { Source = "web-form", Evidence = "signup-form-v7", OccurredAt = occurred });
        time.Advance(TimeSpan.FromMinutes(1));
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);

        var history = await ToListAsync(ledger.ReadHistoryAsync("s"));
        Assert.Equal("web-form", history[0].Source);
        Assert.Equal("signup-form-v7", history[0].Evidence);
        Assert.Equal(occurred, history[0].OccurredAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero), history[0].RecordedAt);
        Assert.Null(history[1].Source);
        Assert.Equal(history[1].RecordedAt, history[1].OccurredAt);
        Assert.Equal(TimeSpan.FromMinutes(1), history[1].RecordedAt - history[0].RecordedAt);
    }

    [SkippableFact]
    public async Task GetAsOf_is_the_state_from_the_records_recorded_until_then()
    {
        var time = new ManualTime();
        var ledger = await CreateAsync(time);
        var start = time.GetUtcNow();
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")]);
        time.Advance(TimeSpan.FromHours(1));
        await ledger.AppendAsync("s", [ConsentChange.Withdraw("ads")]);

        var before = await ledger.GetAsOfAsync("s", start - TimeSpan.FromTicks(1));
        var atFirst = await ledger.GetAsOfAsync("s", start);
        var between = await ledger.GetAsOfAsync("s", start + TimeSpan.FromMinutes(30));
        var after = await ledger.GetAsOfAsync("s", start + TimeSpan.FromHours(2));

        Assert.Equal((0L, ConsentStatus.Unknown), (before.Version, before.State.StatusOf("ads")));
        Assert.Equal((2L, ConsentStatus.Granted, "2"), (atFirst.Version, atFirst.State.StatusOf("ads"), atFirst.State.AcceptedPolicyVersion));
        Assert.Equal((2L, ConsentStatus.Granted), (between.Version, between.State.StatusOf("ads")));
        Assert.Equal((3L, ConsentStatus.Withdrawn), (after.Version, after.State.StatusOf("ads")));
    }

    [SkippableFact]
    public async Task An_idempotency_key_used_again_records_once_and_returns_the_first_result()
    {
        var ledger = await CreateAsync(new ManualTime());
        var options = new ConsentAppendOptions { IdempotencyKey = "form-42" };

        var first = await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], options);
        var again = await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], options);

        Assert.False(first.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Single(await ToListAsync(ledger.ReadAllAsync()));
    }

    [SkippableFact]
    public async Task An_idempotency_key_used_with_other_changes_is_an_error_and_writes_nothing()
    {
        var ledger = await CreateAsync(new ManualTime());
        var options = new ConsentAppendOptions { IdempotencyKey = "form-42" };
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], options);

        var otherChanges = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Withdraw("ads")], options));
        var otherSubject = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("t", [ConsentChange.Grant("ads")], options));

        Assert.Equal("options", otherChanges.ParamName);
        Assert.Contains("form-42", otherSubject.Message, StringComparison.Ordinal);
        Assert.Single(await ToListAsync(ledger.ReadAllAsync()));
        Assert.Equal(0, (await ledger.GetAsync("t")).Version);
    }

    [SkippableFact]
    public async Task An_unexpected_version_is_a_conflict_with_both_versions_and_writes_nothing()
    {
        var ledger = await CreateAsync(new ManualTime());
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2")], new ConsentAppendOptions { ExpectedVersion = 0 });

        var conflict = await Assert.ThrowsAsync<ConsentConflictException>(async () =>
            await ledger.AppendAsync("s", [ConsentChange.Grant("ads"), ConsentChange.Grant("news")], new ConsentAppendOptions { ExpectedVersion = 0 }));
        var next = await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { ExpectedVersion = 1 });

        Assert.Equal((0L, 1L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(2, next.Version);
        Assert.Equal(2, (await ToListAsync(ledger.ReadHistoryAsync("s"))).Count);
    }

    [SkippableFact]
    public async Task An_append_with_one_bad_change_writes_nothing()
    {
        var ledger = await CreateAsync(new ManualTime());

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), new ConsentChange(ConsentAction.Grant, "Marketing Offers")]));

        Assert.Equal("changes", error.ParamName);
        Assert.Contains("Change 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await ledger.GetAsync("s")).Version);
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync()));
    }

    public static TheoryData<string?, Type> BadSubjects() => new()
    {
        { null, typeof(ArgumentNullException) },
        { string.Empty, typeof(ArgumentException) },
        { "   ", typeof(ArgumentException) },
        { "a\u0001b", typeof(ArgumentException) },
        { "line\nbreak", typeof(ArgumentException) },
        { new string('s', 257), typeof(ArgumentException) },
    };

    [SkippableTheory]
    [MemberData(nameof(BadSubjects))]
    public async Task A_bad_subject_id_names_the_argument_and_writes_nothing(string? subjectId, Type exception)
    {
        var ledger = await CreateAsync(new ManualTime());

        var append = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ledger.AppendAsync(subjectId!, [ConsentChange.Grant("ads")]));
        var get = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ledger.GetAsync(subjectId!));

        Assert.IsType(exception, append);
        Assert.Equal("subjectId", append.ParamName);
        Assert.Equal("subjectId", get.ParamName);
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync()));
    }

    [SkippableFact]
    public async Task Other_bad_input_names_the_argument_and_writes_nothing()
    {
        var ledger = await CreateAsync(new ManualTime());

        Assert.Equal("changes", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", []))).ParamName);
        Assert.Equal("changes", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await ledger.AppendAsync("s", null!))).ParamName);
        Assert.Equal("changes", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [new ConsentChange(ConsentAction.AcceptPolicy, "v 2")]))).ParamName);
        Assert.Equal("changes", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [new ConsentChange((ConsentAction)7, "ads")]))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = new string('e', 1025) }))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = " " }))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { ExpectedVersion = -1 }))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Source = "web\0form" }))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = "form \uD800" }))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = "\uDC00k" }))).ParamName);
        Assert.Equal("subjectId", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s\uD800", [ConsentChange.Grant("ads")]))).ParamName);
        Assert.Equal("afterPosition", Assert.Throws<ArgumentOutOfRangeException>(() => ledger.ReadAllAsync(-1)).ParamName);
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync()));
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = new string('e', 1024) });
    }

    [SkippableFact]
    public async Task With_a_policy_a_purpose_it_does_not_define_or_a_version_it_does_not_accept_is_refused_and_writes_nothing()
    {
        var ledger = await CreateAsync(new ManualTime());

        var purpose = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("nosuch.purpose")]));
        var withdrawal = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Withdraw("adverts")]));
        var version = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("9.9")]));

        Assert.Equal(("changes", "changes", "changes"), (purpose.ParamName, withdrawal.ParamName, version.ParamName));
        Assert.Contains("does not define the purpose 'nosuch.purpose'", purpose.Message, StringComparison.Ordinal);
        Assert.Contains("does not list the version '9.9'", version.Message, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync()));
        Assert.Equal(2, (await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")])).Version);
    }

    [SkippableFact]
    public async Task Without_a_policy_names_are_checked_for_their_form_only()
    {
        var ledger = await CreateAsync(new ManualTime(), null);

        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("9.9"), ConsentChange.Grant("any.purpose")]);

        Assert.Equal(2, (await ToListAsync(ledger.ReadHistoryAsync("s"))).Count);
    }

    public static TheoryData<string> TextThatWouldChangeHowAHistoryIsShown() => new()
    {
        "form\n   2  2026-01-01T00:00:00Z  grant    everything",
        "form\r",
        "\u001b[2Jcleared",
        "tab\there",
        "\u0085next line",
        "line\u2028separator",
        "right-to-left \u202Eevil\u202C",
        "isolate \u2066x\u2069",
        "\u007f",
    };

    [SkippableTheory]
    [MemberData(nameof(TextThatWouldChangeHowAHistoryIsShown))]
    public async Task Source_evidence_and_keys_with_control_or_layout_characters_are_refused_and_write_nothing(string text)
    {
        var ledger = await CreateAsync(new ManualTime());

        foreach (var options in new[] { new ConsentAppendOptions { Evidence = text }, new ConsentAppendOptions { Source = text }, new ConsentAppendOptions { IdempotencyKey = text } })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], options));
            Assert.Equal("options", error.ParamName);
            Assert.Contains("Nothing was written", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("subjectId", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s" + text, [ConsentChange.Grant("ads")]))).ParamName);
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync()));
    }

    [SkippableFact]
    public async Task A_subject_id_or_key_decoded_from_invalid_bytes_is_refused_but_evidence_may_hold_any_printable_text()
    {
        var ledger = await CreateAsync(new ManualTime());

        Assert.Equal("subjectId", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("user-\uFFFD", [ConsentChange.Grant("ads")]))).ParamName);
        Assert.Equal("options", (await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = "k\uFFFD" }))).ParamName);
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync()));

        var text = "Formulaire d'inscription \u00e9t\u00e9 2026 \u2014 \u6ce8\u518c \U0001F600";
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = text, Source = "web-form" });
        Assert.Equal(text, (await ToListAsync(ledger.ReadHistoryAsync("s")))[0].Evidence);
    }

    [SkippableFact]
    public async Task A_moment_later_than_the_clock_beyond_the_tolerance_is_refused_and_offsets_are_kept_as_UTC()
    {
        var time = new ManualTime();
        var ledger = await CreateAsync(time);
        var now = time.GetUtcNow();

        var future = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { OccurredAt = now + ConsentAppendOptions.MaxClockSkew + TimeSpan.FromSeconds(1) }));
        Assert.Equal("options", future.ParamName);
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync()));

        var atTolerance = now + ConsentAppendOptions.MaxClockSkew;
        var inParis = new DateTimeOffset(2025, 12, 24, 19, 30, 0, TimeSpan.FromHours(1));
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")], new ConsentAppendOptions { OccurredAt = atTolerance.ToOffset(TimeSpan.FromHours(-5)) });
        await ledger.AppendAsync("s", [ConsentChange.Grant("news")], new ConsentAppendOptions { OccurredAt = inParis });

        var history = await ToListAsync(ledger.ReadHistoryAsync("s"));
        Assert.Equal((atTolerance, TimeSpan.Zero), (history[0].OccurredAt, history[0].OccurredAt.Offset));
        Assert.Equal((inParis, TimeSpan.Zero), (history[1].OccurredAt, history[1].OccurredAt.Offset));
    }

    [SkippableFact]
    public async Task ReadAll_returns_the_records_strictly_after_a_position()
    {
        var ledger = await CreateAsync(new ManualTime());
        for (var i = 0; i < 5; i++)
        {
            await ledger.AppendAsync("s" + i, [ConsentChange.Grant("ads")]);
        }

        var all = await ToListAsync(ledger.ReadAllAsync());
        var after = await ToListAsync(ledger.ReadAllAsync(all[1].Position));

        Assert.Equal(all.Skip(2).Select(r => r.Position), after.Select(r => r.Position));
        Assert.Empty(await ToListAsync(ledger.ReadAllAsync(all[^1].Position)));
    }

    [SkippableFact]
    public async Task FindPermittedSubjects_is_everyone_the_policy_permits_from_their_current_state()
    {
        // A ledger without a policy, so that an acceptance of the old version 1 can be recorded, as an import would.
        var ledger = await CreateAsync(new ManualTime(), null);
        await ledger.AppendAsync("accepted", [ConsentChange.AcceptPolicy("2")]);
        await ledger.AppendAsync("accepted-then-withdrew", [ConsentChange.AcceptPolicy("2"), ConsentChange.Withdraw("news")]);
        await ledger.AppendAsync("granted-ads-only", [ConsentChange.Grant("ads")]);
        await ledger.AppendAsync("accepted-an-old-version", [ConsentChange.AcceptPolicy("1")]);
        await ledger.AppendAsync("granted-news", [ConsentChange.Grant("news")]);
        await ledger.AppendAsync("withdrew-ads", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads"), ConsentChange.Withdraw("ads")]);

        var news = await ToListAsync(ledger.FindPermittedSubjectsAsync(Policy, ["contact.email"], "news", "internal"));
        var ads = await ToListAsync(ledger.FindPermittedSubjectsAsync(Policy, ["contact.email"], "ads", "internal"));
        var ops = await ToListAsync(ledger.FindPermittedSubjectsAsync(Policy, ["contact.email"], "ops", "internal"));
        var unknown = await ToListAsync(ledger.FindPermittedSubjectsAsync(Policy, ["contact.email"], "resale", "internal"));

        Assert.Equal(["accepted", "granted-news", "withdrew-ads"], news.Order(StringComparer.Ordinal));
        Assert.Equal(["granted-ads-only"], ads);
        Assert.Equal(6, ops.Count);
        Assert.Empty(unknown);
        foreach (var subject in new[] { "accepted", "accepted-then-withdrew", "granted-ads-only", "accepted-an-old-version", "granted-news", "withdrew-ads" })
        {
            var state = (await ledger.GetAsync(subject)).State;
            var permitted = Policy.Evaluate(new DataUseRequest(["contact.email"], "news", "internal") { Consent = state }).IsPermitted;
            Assert.Equal(permitted, news.Contains(subject));
        }
    }

    [SkippableFact]
    public async Task Concurrent_writers_get_exactly_their_records_with_gapless_versions_and_growing_positions()
    {
        var ledger = await CreateAsync(TimeProvider.System);
        const int Writers = 8;
        var appendsPerWriter = ConcurrentAppendsPerWriter;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < appendsPerWriter; i++)
            {
                await ledger.AppendAsync("subject-" + ((writer * appendsPerWriter) + i) % 100, [i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")]);
            }
        })));

        var all = await ToListAsync(ledger.ReadAllAsync());
        Assert.Equal(Writers * appendsPerWriter, all.Count);
        Assert.Equal(all.Count, all.Select(r => r.Position).Distinct().Count());
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position));
        foreach (var subject in all.GroupBy(r => r.SubjectId))
        {
            Assert.Equal(Enumerable.Range(1, subject.Count()).Select(v => (long)v), subject.Select(r => r.Version).Order());
            Assert.Equal(subject.Count(), (await ledger.GetAsync(subject.Key)).Version);
        }
    }

    /// <summary>How many appends each of the 8 concurrent writers makes; a store may lower it to keep the suite fast.</summary>
    protected virtual int ConcurrentAppendsPerWriter => 1000;

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
