using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy.Sqlite;
using Octopus.Privacy.Testing.Ledger;

using static Octopus.Privacy.Sqlite.Tests.SqliteFile;

namespace Octopus.Privacy.Sqlite.Tests;

/// <summary>The ledger contract on a real SQLite file, and what only a file can do: survive, refuse, and stay append-only.</summary>
public sealed class SqliteConsentLedgerTests : ConsentLedgerContract, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-sqlite-").FullName;
    private readonly List<SqliteConsentLedger> _ledgers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var ledger in _ledgers)
        {
            await ledger.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task What_was_acknowledged_is_there_when_the_file_is_opened_again()
    {
        var file = Path.Combine(_directory, "reopen.db");
        await using (var ledger = new SqliteConsentLedger($"Data Source={file}"))
        {
            await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = "k" });
        }

        await using var reopened = new SqliteConsentLedger($"Data Source={file}");
        var snapshot = await reopened.GetAsync("s");
        var again = await reopened.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = "k" });

        Assert.Equal(2, snapshot.Version);
        Assert.Equal(ConsentStatus.Granted, snapshot.State.StatusOf("ads"));
        Assert.True(again.Duplicate);
    }

    [Fact]
    public async Task The_history_refuses_updates_and_deletes_from_any_client()
    {
        var file = Path.Combine(_directory, "append-only.db");
        await using (var ledger = new SqliteConsentLedger($"Data Source={file}"))
        {
            await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);
        }

        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        foreach (var statement in new[] { "UPDATE consent_history SET value = 'news'", "DELETE FROM consent_history" })
        {
            command.CommandText = statement;
            var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        command.CommandText = "SELECT count(*) FROM consent_history";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_file_written_by_a_newer_schema_is_refused_and_left_untouched()
    {
        var file = Path.Combine(_directory, "newer.db");
        await using (var ledger = new SqliteConsentLedger($"Data Source={file}"))
        {
            await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);
        }

        Execute(file, "UPDATE octopus_privacy_schema SET version = 3");
        var before = await File.ReadAllBytesAsync(file);

        await using var newer = new SqliteConsentLedger($"Data Source={file}");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await newer.AppendAsync("t", [ConsentChange.Grant("ads")]));

        Assert.Contains("newer version of Octopus.Privacy.Sqlite (schema 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar(file, "SELECT count(*) FROM consent_history"));
        Assert.Equal(before.Length, new FileInfo(file).Length);
    }

    [Fact]
    public async Task A_database_that_is_not_a_ledger_is_refused_and_left_exactly_as_it_was()
    {
        var file = Path.Combine(_directory, "other.db");
        Execute(file, "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT)");
        var before = await File.ReadAllBytesAsync(file);

        await using var ledger = new SqliteConsentLedger($"Data Source={file}");
        var read = await Assert.ThrowsAsync<InvalidOperationException>(async () => await ledger.GetAsync("s"));
        var write = await Assert.ThrowsAsync<InvalidOperationException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]));
        await ledger.DisposeAsync();

        Assert.Contains("is not an Octopus.Privacy consent ledger", read.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", write.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
        Assert.False(File.Exists(file + "-wal"), "a WAL file was left beside the refused database");
        Assert.False(File.Exists(file + "-shm"), "a shared-memory file was left beside the refused database");
        Assert.Equal("delete", Scalar(file, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_ledger_opened_read_only_can_be_read_and_refuses_writes_clearly()
    {
        var file = Path.Combine(_directory, "read-only.db");
        await using (var writer = new SqliteConsentLedger($"Data Source={file}"))
        {
            await writer.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")]);
        }

        var before = await File.ReadAllBytesAsync(file);
        await using var reader = new SqliteConsentLedger($"Data Source={file};Mode=ReadOnly");

        Assert.Equal(2, (await reader.GetAsync("s")).Version);
        Assert.Equal(2, (await ToListAsync(reader.ReadHistoryAsync("s"))).Count);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.AppendAsync("s", [ConsentChange.Withdraw("ads")]));
        Assert.Contains("is read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", error.Message, StringComparison.Ordinal);
        await reader.DisposeAsync();
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task A_read_only_database_that_is_not_a_ledger_yet_is_refused_unchanged()
    {
        var file = Path.Combine(_directory, "empty-read-only.db");
        Execute(file, "PRAGMA user_version = 0");

        await using var reader = new SqliteConsentLedger($"Data Source={file};Mode=ReadOnly");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.GetAsync("s"));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar(file, "SELECT count(*) FROM sqlite_master"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_a_clear_error()
    {
        var file = Path.Combine(_directory, "notes.txt");
        var text = string.Concat(Enumerable.Repeat("These are not the pages you are looking for.\n", 200));
        await File.WriteAllTextAsync(file, text);

        await using var ledger = new SqliteConsentLedger($"Data Source={file}");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]));

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllTextAsync(file));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Mode=Memory;Data Source=x")]
    [InlineData("Data Source")]
    [InlineData("Colour=blue")]
    [InlineData("Data Source=file:mem1?mode=memory")]
    [InlineData("Data Source=file:mem1?cache=shared&MODE=%6Demory")]
    [InlineData("Data Source=file::memory:")]
    [InlineData("Data Source=file:?cache=shared")]
    [InlineData("Data Source=file:ledger.db?vfs=memdb")]
    public void A_connection_string_without_a_file_is_an_argument_error(string connectionString)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new SqliteConsentLedger(connectionString));

        Assert.Equal("connectionString", error.ParamName);
    }

    [Fact]
    public async Task The_journal_is_WAL_and_the_schema_records_its_version()
    {
        var file = Path.Combine(_directory, "wal.db");
        await using (var ledger = new SqliteConsentLedger($"Data Source={file}"))
        {
            await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);
        }

        Assert.Equal("wal", Scalar(file, "PRAGMA journal_mode"));
        Assert.Equal(2L, Scalar(file, "SELECT version FROM octopus_privacy_schema"));
    }

    [Fact]
    public async Task AddSqliteConsentLedger_refuses_what_the_policy_in_force_does_not_define()
    {
        var file = Path.Combine(_directory, "di-policy.db");
        await using var services = new ServiceCollection().AddOctopusPrivacy().AddSqliteConsentLedger($"Data Source={file}").BuildServiceProvider();
        var ledger = services.GetRequiredService<IConsentLedger>();

        var purpose = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.Grant("nosuch.purpose")]));
        var version = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("9.9")]));

        Assert.Contains("Octopus Group", purpose.Message, StringComparison.Ordinal);
        Assert.Contains("'9.9'", version.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await ledger.GetAsync("s")).Version);
    }

    [Fact]
    public void AddSqliteConsentLedger_checks_its_options_where_they_are_given()
    {
        var file = Path.Combine(_directory, "di-options.db");
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddSqliteConsentLedger($"Data Source={file}", new SqliteConsentLedgerOptions { BusyTimeout = TimeSpan.FromSeconds(-1) }));

        Assert.Contains("busy timeout", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public async Task AddSqliteConsentLedger_with_options_uses_the_policy_they_name_over_the_one_in_force()
    {
        var file = Path.Combine(_directory, "di-options-policy.db");
        var own = PrivacyPolicy.Parse(System.Text.Encoding.UTF8.GetBytes(PrivacyPolicy.OctopusGroup.ToJson().Replace("\"1.0\"", "\"7.0\"", StringComparison.Ordinal)));
        await using var services = new ServiceCollection().AddOctopusPrivacy()
            .AddSqliteConsentLedger($"Data Source={file}", new SqliteConsentLedgerOptions { Policy = own, SynchronousFull = false })
            .BuildServiceProvider();
        var ledger = services.GetRequiredService<IConsentLedger>();

        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("7.0")]);
        await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]));
        Assert.Equal("7.0", (await ledger.GetAsync("s")).State.AcceptedPolicyVersion);
    }

    [Fact]
    public async Task AddSqliteConsentLedger_gives_the_guard_decisions_by_subject()
    {
        var file = Path.Combine(_directory, "di.db");
        await using var services = new ServiceCollection().AddOctopusPrivacy().AddSqliteConsentLedger($"Data Source={file}").BuildServiceProvider();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        var ledger = services.GetRequiredService<IConsentLedger>();

        Assert.IsType<SqliteConsentLedger>(ledger);
        Assert.False(await guard.IsPermittedAsync("s", ["contact.email"], "marketing.offers", "internal"));
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
        Assert.True(await guard.IsPermittedAsync("s", ["contact.email"], "marketing.offers", "internal"));
        await ledger.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]);
        Assert.False(await guard.IsPermittedAsync("s", ["contact.email"], "marketing.offers", "internal"));
    }

    protected override Task<IConsentLedger> CreateAsync(TimeProvider time, PrivacyPolicy? policy)
    {
        var ledger = new SqliteConsentLedger($"Data Source={Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")}", new SqliteConsentLedgerOptions { Policy = policy }, time);
        _ledgers.Add(ledger);
        return Task.FromResult<IConsentLedger>(ledger);
    }
}
