using System.Diagnostics;
using Npgsql;

namespace Octopus.Privacy.PostgreSql.Tests;

/// <summary>An erasure on a real server: what stays in the tables, what the triggers let through, an upgrade, and crashes.</summary>
[Collection(PostgreSqlTests.Name)]
public sealed class PostgreSqlErasureTests(PostgreSqlServer server) : IAsyncLifetime
{
    private static readonly string[] Tables = ["consent_history", "consent_idempotency", "consent_subject", "consent_current", "decision_log", "consent_erasure"];

    private readonly OpenLedgers _ledgers = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ledgers.CloseAllAsync();

    [SkippableFact]
    public async Task After_an_erasure_no_row_of_any_ledger_table_holds_the_subjects_evidence_source_or_key()
    {
        var schema = Ledger(out var ledger);
        var evidence = "evidence-" + Guid.NewGuid().ToString("N");
        var source = "source-" + Guid.NewGuid().ToString("N");
        var key = "key-" + Guid.NewGuid().ToString("N");
        await ledger.AppendAsync("gone", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = evidence, Source = source, IdempotencyKey = key });
        await ledger.AppendAsync("kept", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = "kept" });
        await ledger.AppendDecisionsAsync([new DecisionLogEntry(DateTimeOffset.UtcNow, "gone", ["contact.email"], "ads", "processor", true, DecisionReason.Permitted, "p", "1", "r", null, 2)]);
        Assert.True(await RowsHoldingAsync(schema, evidence) > 0, "the evidence was not stored: the test proves nothing");

        await ledger.EraseAsync("gone", "request 7");

        foreach (var text in new[] { evidence, source, key })
        {
            Assert.Equal(0, await RowsHoldingAsync(schema, text));
        }

        foreach (var table in Tables.Where(t => t != "consent_erasure" && t != "consent_idempotency"))
        {
            Assert.Equal(0L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.{table} WHERE subject_id = 'gone'"));
        }

        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_erasure WHERE subject_id = 'gone' AND records_erased = 2 AND decisions_erased = 1"));
        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"));
    }

    [SkippableFact]
    public async Task The_history_refuses_a_delete_that_no_recorded_erasure_covers_and_erasure_records_are_append_only()
    {
        var schema = Ledger(out var ledger);
        await ledger.AppendAsync("a", [ConsentChange.Grant("ads")]);
        await ledger.EraseAsync("b", "nothing recorded for b");
        await ledger.AppendAsync("b", [ConsentChange.Grant("ads")]);

        foreach (var statement in new[]
        {
            $"DELETE FROM {schema}.consent_history WHERE subject_id = 'a'",
            $"DELETE FROM {schema}.consent_history WHERE subject_id = 'b'",
            $"DELETE FROM {schema}.consent_erasure",
            $"UPDATE {schema}.consent_erasure SET reason = 'other'",
            $"TRUNCATE {schema}.consent_erasure",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => server.ScalarAsync(statement));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(2L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"));
        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_erasure"));
    }

    [SkippableFact]
    public async Task A_version_1_schema_is_upgraded_in_place_and_keeps_its_history()
    {
        var schema = Ledger(out var ledger);
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")]);

        // Made into what version 1 of this package created.
        await server.ScalarAsync($"""
            DROP FUNCTION {schema}.consent_erase(text, text, bigint, text);
            DROP TABLE {schema}.decision_log;
            DROP TABLE {schema}.consent_erasure;
            DROP FUNCTION {schema}.consent_erasure_is_append_only();
            CREATE OR REPLACE FUNCTION {schema}.consent_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the consent history is append-only' USING ERRCODE = 'restrict_violation';
            END $$;
            UPDATE {schema}.octopus_privacy_schema SET version = 1;
            """);

        await using var upgraded = new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = false }, null);
        Assert.Equal(2, (await upgraded.GetAsync("s")).Version);
        var erased = await upgraded.EraseAsync("s", "request after the upgrade");

        Assert.Equal(2, erased.RecordsErased);
        Assert.Equal(2, await server.ScalarAsync($"SELECT version FROM {schema}.octopus_privacy_schema"));
        Assert.Equal(0L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"));
    }

    [SkippableFact]
    public async Task A_process_killed_during_an_erasure_leaves_the_subject_whole_or_erased_never_half()
    {
        var schema = Ledger(out var ledger);
        var random = new Random(20261203);
        for (var run = 0; run < 5; run++)
        {
            var subject = $"big-{run}";
            for (var batch = 0; batch < 20; batch++)
            {
                await ledger.AppendAsync(subject, Enumerable.Range(0, 250).Select(i => i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")).ToList(), new ConsentAppendOptions { Evidence = $"evidence of {subject}" });
            }

            using var eraser = WriterProcess.Start("Octopus.Privacy.PostgreSql.Writer", "erase", server.ConnectionString, schema, subject);
            Assert.Equal("erasing", await eraser.StandardOutput.ReadLineAsync());
            await Task.Delay(random.Next(0, 150));
            eraser.Kill(entireProcessTree: true);
            await eraser.WaitForExitAsync();

            await AssertWholeOrErasedAsync(schema, subject, 5000);
        }
    }

    [SkippableFact]
    public async Task A_server_crash_during_an_erasure_leaves_the_subject_whole_or_erased_never_half()
    {
        server.RequireOwn();
        var schema = Ledger(out var ledger);
        for (var batch = 0; batch < 40; batch++)
        {
            await ledger.AppendAsync("big", Enumerable.Range(0, 250).Select(i => i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")).ToList());
        }

        var erasing = ledger.EraseAsync("big", "erasure cut by a crash").AsTask();
        await Task.Delay(20);
        await server.StopImmediatelyAsync();
        try
        {
            await erasing;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Cut by the crash: whether it committed is what the server says after recovery.
        }

        await server.StartAsync();

        await AssertWholeOrErasedAsync(schema, "big", 10_000);
    }

    private async Task AssertWholeOrErasedAsync(string schema, string subject, long records)
    {
        // A killed client's backend may still be running its erasure (the server notices the closed connection only
        // when it answers): the appends' row lock, which the erasure holds until it commits or rolls back, is waited
        // for first, and the three counts are then read in one statement, one snapshot.
        await using var connection = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var wait = new NpgsqlCommand($"SELECT 1 FROM {schema}.consent_position WHERE singleton = 1 FOR UPDATE", connection, transaction))
        {
            await wait.ExecuteNonQueryAsync();
        }

        await using var read = new NpgsqlCommand(
            $"""
            SELECT (SELECT count(*) FROM {schema}.consent_history WHERE subject_id = $1),
                   coalesce((SELECT version FROM {schema}.consent_subject WHERE subject_id = $1), 0),
                   (SELECT count(*) FROM {schema}.consent_erasure WHERE subject_id = $1 AND records_erased = $2)
            """,
            connection,
            transaction)
        {
            Parameters = { new NpgsqlParameter { Value = subject }, new NpgsqlParameter { Value = records } },
        };
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (history, version, erasures) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        Assert.True((history == records && version == records && erasures == 0) || (history, version, erasures) is (0, 0, 1), $"{subject}: {history} records, version {version}, {erasures} erasure records");
    }

    private async Task<long> RowsHoldingAsync(string schema, string text)
    {
        long total = 0;
        foreach (var table in Tables)
        {
            total += (long)(await server.ScalarAsync($"SELECT count(*) FROM {schema}.{table} t WHERE position('{text.Replace("'", "''", StringComparison.Ordinal)}' in t::text) > 0"))!;
        }

        return total;
    }

    private string Ledger(out PostgreSqlConsentLedger ledger) => _ledgers.Open(out ledger, listenForChanges: false);
}
