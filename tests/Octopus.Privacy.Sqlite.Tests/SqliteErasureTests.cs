using System.Text;
using Microsoft.Data.Sqlite;
using Octopus.Privacy.Sqlite;

using static Octopus.Privacy.Sqlite.Tests.SqliteFile;

namespace Octopus.Privacy.Sqlite.Tests;

/// <summary>What an erasure does to the bytes of a real ledger file and its WAL, and how a version 1 file is upgraded.</summary>
public sealed class SqliteErasureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-erasure-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_erasure_leaves_no_byte_of_the_subjects_evidence_source_or_key_in_the_file_or_its_WAL()
    {
        var file = Path.Combine(_directory, "bytes.db");
        var evidence = "evidence-" + Guid.NewGuid().ToString("N");
        var source = "source-" + Guid.NewGuid().ToString("N");
        var key = "key-" + Guid.NewGuid().ToString("N");
        await using var ledger = new SqliteConsentLedger($"Data Source={file}");
        await ledger.AppendAsync("gone", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = evidence, Source = source, IdempotencyKey = key });

        // Enough other subjects after it that pages split and the subject's rows move between pages.
        for (var i = 0; i < 400; i++)
        {
            await ledger.AppendAsync($"other-{i}", [ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = $"other evidence {i} " + new string('x', 200) });
        }

        await ledger.AppendAsync("gone", [ConsentChange.Withdraw("ads")], new ConsentAppendOptions { Evidence = evidence, Source = source });
        Assert.True(InLedgerFiles(file, evidence), "the evidence was not in the file or its WAL before the erasure: the test proves nothing");
        Assert.True(InLedgerFiles(file, key), "the key was not in the file or its WAL before the erasure");

        var erased = await ledger.EraseAsync("gone", "request 1");

        Assert.Equal(2, erased.RecordsErased);
        Assert.False(InLedgerFiles(file, evidence), "the erased evidence is still in the file or its WAL");
        Assert.False(InLedgerFiles(file, source), "the erased source is still in the file or its WAL");
        Assert.False(InLedgerFiles(file, key), "the erased idempotency key is still in the file or its WAL");
        Assert.True(InLedgerFiles(file, "other evidence 399 "), "the other subjects' evidence is gone too");
        Assert.Equal(400, (await ledger.ReadAllAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task The_history_refuses_a_delete_that_no_recorded_erasure_covers()
    {
        var file = Path.Combine(_directory, "trigger.db");
        await using (var ledger = new SqliteConsentLedger($"Data Source={file}"))
        {
            await ledger.AppendAsync("a", [ConsentChange.Grant("ads")]);
            await ledger.EraseAsync("b", "nothing recorded for b");
            await ledger.AppendAsync("b", [ConsentChange.Grant("ads")]);
        }

        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        foreach (var statement in new[] { "DELETE FROM consent_history WHERE subject_id = 'a'", "DELETE FROM consent_history WHERE subject_id = 'b'", "DELETE FROM consent_erasure", "UPDATE consent_erasure SET reason = 'other'" })
        {
            command.CommandText = statement;
            var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        command.CommandText = "SELECT count(*) FROM consent_history";
        Assert.Equal(2L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_version_1_ledger_is_read_as_it_is_and_upgraded_before_its_first_write()
    {
        var file = Path.Combine(_directory, "v1.db");
        await using (var ledger = new SqliteConsentLedger($"Data Source={file}"))
        {
            await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { Evidence = "form" });
        }

        // Made into what version 1 of this package wrote: no log, no erasures, the delete trigger without exception.
        Execute(file, """
            DROP TABLE decision_log;
            DROP TABLE consent_erasure;
            DROP TRIGGER consent_history_is_append_only_delete;
            CREATE TRIGGER consent_history_is_append_only_delete BEFORE DELETE ON consent_history
                BEGIN SELECT RAISE(ABORT, 'the consent history is append-only'); END;
            UPDATE octopus_privacy_schema SET version = 1;
            """);

        await using (var reader = new SqliteConsentLedger($"Data Source={file};Mode=ReadOnly"))
        {
            Assert.Equal(2, (await reader.GetAsync("s")).Version);
            Assert.Empty(await reader.ReadDecisionsAsync("s").ToListAsync());
            Assert.Empty(await reader.ReadErasuresAsync("s").ToListAsync());
        }

        Assert.Equal(1L, Scalar(file, "SELECT version FROM octopus_privacy_schema"));
        await using (var writer = new SqliteConsentLedger($"Data Source={file}"))
        {
            // Reads leave the file as it is (the command line's reading commands promise it); the first write upgrades.
            Assert.Equal(2, (await writer.GetAsync("s")).Version);
            Assert.Empty(await writer.ReadErasuresAsync("s").ToListAsync());
            Assert.Equal(1L, Scalar(file, "SELECT version FROM octopus_privacy_schema"));
            var erased = await writer.EraseAsync("s", "request after the upgrade");
            Assert.Equal(2, erased.RecordsErased);
        }

        Assert.Equal(2L, Scalar(file, "SELECT version FROM octopus_privacy_schema"));
        Assert.Equal(0L, Scalar(file, "SELECT count(*) FROM consent_history"));
    }

    private static bool InLedgerFiles(string file, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return new[] { file, file + "-wal" }.Where(File.Exists).Any(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray().AsSpan().IndexOf(needle) >= 0;
        });
    }
}
