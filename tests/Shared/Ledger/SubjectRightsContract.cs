using System.Text.Json.Nodes;

namespace Octopus.Privacy.Testing.Ledger;

/// <summary>
/// The decision log, the erasure and the export, on every store that keeps them (all in these packages); a store
/// written with the kit alone skips them, saying why.
/// </summary>
public abstract partial class ConsentLedgerContract
{
    [SkippableFact]
    public async Task The_decision_log_reads_back_a_subjects_entries_oldest_first_and_deletes_by_age()
    {
        var time = new ManualTime();
        var (_, log, _) = await CreateRightsAsync(time);
        var t0 = time.GetUtcNow();

        await log.AppendDecisionsAsync([Decision("s-1", t0.AddMinutes(2)), Decision("s-2", t0), Decision("s-1", t0.AddMinutes(1), "associate", permitted: false)]);
        await log.AppendDecisionsAsync([Decision("s-1", t0.AddDays(10))]);
        var entries = await ToListAsync(log.ReadDecisionsAsync("s-1"));

        Assert.Equal([t0.AddMinutes(1), t0.AddMinutes(2), t0.AddDays(10)], entries.Select(e => e.DecidedAt));
        Assert.Equivalent(Decision("s-1", t0.AddMinutes(2)), entries[1], strict: true);
        Assert.Equivalent(Decision("s-1", t0.AddMinutes(1), "associate", permitted: false), entries[0], strict: true);
        Assert.Equal(3, await log.DeleteDecisionsBeforeAsync(t0.AddDays(1)));
        Assert.Equal([t0.AddDays(10)], (await ToListAsync(log.ReadDecisionsAsync("s-1"))).Select(e => e.DecidedAt));
        Assert.Empty(await ToListAsync(log.ReadDecisionsAsync("s-2")));
    }

    [SkippableFact]
    public async Task A_decision_log_write_with_one_bad_entry_writes_nothing()
    {
        var time = new ManualTime();
        var (_, log, _) = await CreateRightsAsync(time);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await log.AppendDecisionsAsync([Decision("s", time.GetUtcNow()), Decision("s\nforged", time.GetUtcNow())]));
        var empty = await Assert.ThrowsAsync<ArgumentException>(async () => await log.AppendDecisionsAsync([Decision("s", time.GetUtcNow()) with { Categories = [] }]));

        Assert.Equal("entries", error.ParamName);
        Assert.Contains("no data category", empty.Message, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(log.ReadDecisionsAsync("s")));
    }

    [SkippableFact]
    public async Task An_erasure_removes_the_subjects_records_keys_state_and_decisions_records_itself_and_leaves_others_alone()
    {
        var time = new ManualTime();
        var (ledger, log, erasure) = await CreateRightsAsync(time);
        await ledger.AppendAsync("gone", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { Source = "web-form", Evidence = "form-7", IdempotencyKey = "key-gone" });
        await ledger.AppendAsync("kept", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = "kept evidence", IdempotencyKey = "key-kept" });
        await ledger.AppendAsync("gone", [ConsentChange.Withdraw("news")]);
        await log.AppendDecisionsAsync([Decision("gone", time.GetUtcNow()), Decision("kept", time.GetUtcNow())]);
        time.Advance(TimeSpan.FromHours(1));

        var erased = await erasure.EraseAsync("gone", "Art. 17 request 123");

        Assert.Equal(new ConsentErasure("gone", time.GetUtcNow(), "Art. 17 request 123", 1, 3, 3, 1), erased);
        var state = await ledger.GetAsync("gone");
        Assert.Equal(0, state.Version);
        Assert.Null(state.State.AcceptedPolicyVersion);
        Assert.Equal(ConsentStatus.Unknown, state.State.StatusOf("ads"));
        Assert.Equal(0, (await ledger.GetAsOfAsync("gone", time.GetUtcNow())).Version);
        Assert.Empty(await ToListAsync(ledger.ReadHistoryAsync("gone")));
        Assert.Empty(await ToListAsync(log.ReadDecisionsAsync("gone")));
        Assert.Equal(["kept"], (await ToListAsync(ledger.ReadAllAsync())).Select(r => r.SubjectId));
        Assert.Single(await ToListAsync(log.ReadDecisionsAsync("kept")));
        Assert.Equal(["kept"], await ToListAsync(ledger.FindPermittedSubjectsAsync(Policy, ["contact.email"], "ads", "internal")));
        Assert.Equal([erased], await ToListAsync(erasure.ReadErasuresAsync("gone")));
        Assert.Empty(await ToListAsync(erasure.ReadErasuresAsync("kept")));

        // A new history: numbered from 1, and the erased append's key is forgotten with it; another subject's is not.
        var again = await ledger.AppendAsync("gone", [ConsentChange.AcceptPolicy("2")], new ConsentAppendOptions { IdempotencyKey = "key-gone" });
        Assert.Equal(1, again.Version);
        Assert.False(again.Duplicate);
        Assert.True((await ledger.AppendAsync("kept", [ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = "key-kept" })).Duplicate);
        Assert.Equal([1L], (await ToListAsync(ledger.ReadHistoryAsync("gone"))).Select(r => r.Version));
        Assert.Equal("2", (await ledger.GetAsync("gone")).State.AcceptedPolicyVersion);
    }

    [SkippableFact]
    public async Task An_erasure_of_a_subject_with_nothing_recorded_is_recorded_with_nothing_erased()
    {
        var time = new ManualTime();
        var (_, _, erasure) = await CreateRightsAsync(time);

        var erased = await erasure.EraseAsync("never-seen", "request 9");

        Assert.Equal(new ConsentErasure("never-seen", time.GetUtcNow(), "request 9", 0, 0, 0, 0), erased);
        Assert.Equal([erased], await ToListAsync(erasure.ReadErasuresAsync("never-seen")));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("request\nforged line")]
    [InlineData("\u202Ereversed")]
    public async Task An_erasure_with_a_bad_reason_erases_nothing(string reason)
    {
        var time = new ManualTime();
        var (ledger, _, erasure) = await CreateRightsAsync(time);
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await erasure.EraseAsync("s", reason));
        var subject = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await erasure.EraseAsync("", "request"));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(async () => await erasure.EraseAsync("s", new string('x', ConsentAppendOptions.MaxEvidenceLength + 1)));

        Assert.Equal("reason", error.ParamName);
        Assert.Equal("subjectId", subject.ParamName);
        Assert.Equal("reason", tooLong.ParamName);
        Assert.Equal(1, (await ledger.GetAsync("s")).Version);
        Assert.Empty(await ToListAsync(erasure.ReadErasuresAsync("s")));
    }

    [SkippableFact]
    public async Task Appends_during_an_erasure_lose_nothing_that_is_not_the_erased_subjects()
    {
        var (ledger, _, erasure) = await CreateRightsAsync(TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            await ledger.AppendAsync("gone", [i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")]);
        }

        using var go = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            go.Wait();
            for (var i = 0; i < 100; i++)
            {
                // Writer 0 also appends for the subject being erased: each of its appends lands before the erasure
                // (and goes with it) or after (and starts the new history).
                var subject = w == 0 && i % 5 == 0 ? "gone" : $"w{w}-{i % 10}";
                await ledger.AppendAsync(subject, [i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")]);
            }
        })).ToList();

        go.Set();
        await Task.Delay(5);
        var erased = await erasure.EraseAsync("gone", "request");
        await Task.WhenAll(writers);

        var all = await ToListAsync(ledger.ReadAllAsync());
        var others = all.Where(r => r.SubjectId != "gone").ToList();
        Assert.Equal(380, others.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position));
        foreach (var subject in all.GroupBy(r => r.SubjectId))
        {
            Assert.Equal(Enumerable.Range(1, subject.Count()).Select(v => (long)v), subject.Select(r => r.Version).Order());
            Assert.Equal(subject.Count(), (await ledger.GetAsync(subject.Key)).Version);
        }

        var after = all.Count(r => r.SubjectId == "gone");
        Assert.Equal(70, erased.RecordsErased + after);
        Assert.True(erased.RecordsErased >= 50);
    }

    [SkippableFact]
    public async Task An_export_holds_state_history_with_evidence_disclosures_recipients_to_notify_erasures_and_application_data()
    {
        var time = new ManualTime();
        var (ledger, log, erasure) = await CreateRightsAsync(time);
        var earlier = await erasure.EraseAsync("s", "an earlier request");
        time.Advance(TimeSpan.FromMinutes(1));
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { Source = "web-form", Evidence = "signup-form-v7" });
        time.Advance(TimeSpan.FromMinutes(1));
        await ledger.AppendAsync("s", [ConsentChange.Withdraw("news")], new ConsentAppendOptions { Source = "e-mail" });
        var t = time.GetUtcNow();
        await log.AppendDecisionsAsync(
        [
            Decision("s", t.AddSeconds(1)),
            Decision("s", t.AddSeconds(2), "associate", permitted: false),
            Decision("s", t.AddSeconds(3)) with { Purpose = "news", Categories = ["contact.email"], LedgerVersion = 3 },
            Decision("other", t),
        ]);
        var rights = new SubjectRights(ledger, [new Contributor("orders", JsonNode.Parse("""[{ "id": 1, "total": 12.5 }]"""))], time);

        var export = await rights.ExportAsync("s");
        var json = JsonNode.Parse(export.ToJson())!;

        Assert.Equal("s", (string?)json["subject"]);
        Assert.Equal(3, (long)json["state"]!["version"]!);
        Assert.Equal("2", (string?)json["state"]!["acceptedPolicyVersion"]);
        Assert.Equal("""[{"purpose":"ads","status":"granted"},{"purpose":"news","status":"withdrawn"}]""", json["state"]!["purposes"]!.ToJsonString());
        var history = json["history"]!.AsArray();
        Assert.Equal(["accept", "grant", "withdraw"], history.Select(h => (string?)h!["action"]));
        Assert.Equal(["signup-form-v7", "signup-form-v7", null], history.Select(h => (string?)h!["evidence"]));
        Assert.Equal(["web-form", "web-form", "e-mail"], history.Select(h => (string?)h!["source"]));
        var disclosures = json["disclosures"]!.AsArray();
        Assert.Equal(3, disclosures.Count);
        Assert.Equal([true, false, true], disclosures.Select(d => (bool)d!["permitted"]!));
        Assert.Equal("""{"decidedAt":"2026-01-01T09:02:01.0000000Z","recipient":"processor","categories":["contact.email","contact.name"],"purpose":"ads","permitted":true,"reason":"Permitted","policy":{"name":"Ledger test policy","version":"2"},"ruleId":"contact","clause":"Sharing","ledgerVersion":1}""", disclosures[0]!.ToJsonString());
        Assert.Equal("""[{"recipient":"processor","categories":["contact.email","contact.name"],"purposes":["ads","news"],"firstDisclosedAt":"2026-01-01T09:02:01.0000000Z","lastDisclosedAt":"2026-01-01T09:02:03.0000000Z"}]""", json["recipientsToNotify"]!.ToJsonString());
        Assert.Equal("an earlier request", (string?)json["erasures"]![0]!["reason"]);
        Assert.Equal([earlier], export.Erasures);
        Assert.Equal("""{"orders":[{"id":1,"total":12.5}]}""", json["applicationData"]!.ToJsonString());
    }

    private static DecisionLogEntry Decision(string subject, DateTimeOffset at, string recipient = "processor", bool permitted = true) =>
        new(at, subject, ["contact.email", "contact.name"], "ads", recipient, permitted, permitted ? DecisionReason.Permitted : DecisionReason.ConsentRequired, "Ledger test policy", "2", permitted ? "contact" : null, permitted ? "Sharing" : null, 1);

    private async Task<(IConsentLedger Ledger, IDecisionLog Log, IConsentErasure Erasure)> CreateRightsAsync(TimeProvider time)
    {
        var ledger = await CreateAsync(time);
        Skip.IfNot(ledger is IDecisionLog and IConsentErasure, $"{ledger.GetType().Name} keeps no decision log and cannot erase (a store written with the ledger kit alone).");
        return (ledger, (IDecisionLog)ledger, (IConsentErasure)ledger);
    }

    private sealed class Contributor(string name, JsonNode? data) : IPersonalDataContributor
    {
        public string Name => name;

        public ValueTask<JsonNode?> GetPersonalDataAsync(string subjectId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(subjectId == "s" ? data?.DeepClone() : null);
    }
}
