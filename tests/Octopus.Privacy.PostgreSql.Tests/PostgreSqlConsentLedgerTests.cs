using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Octopus.Privacy.Testing.Ledger;

namespace Octopus.Privacy.PostgreSql.Tests;

/// <summary>The ledger contract on a real PostgreSQL server, and what only a shared server can do: refuse, stay append-only, and tell other processes.</summary>
[Collection(PostgreSqlTests.Name)]
public sealed class PostgreSqlConsentLedgerTests(PostgreSqlServer server) : ConsentLedgerContract, IAsyncLifetime
{
    private readonly OpenLedgers _ledgers = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _ledgers.CloseAllAsync();

    [SkippableFact]
    public async Task What_was_acknowledged_is_read_by_another_ledger_on_its_own_connections()
    {
        var schema = Ledger(out var ledger);
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = "k" });

        await using var other = new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema }, null);
        var snapshot = await other.GetAsync("s");
        var again = await other.AppendAsync("s", [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")], new ConsentAppendOptions { IdempotencyKey = "k" });

        Assert.Equal(2, snapshot.Version);
        Assert.Equal(ConsentStatus.Granted, snapshot.State.StatusOf("ads"));
        Assert.True(again.Duplicate);
        Assert.Equal(2L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"));
    }

    [SkippableFact]
    public async Task The_history_refuses_updates_deletes_and_truncation_from_any_client()
    {
        var schema = Ledger(out var ledger);
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);

        foreach (var statement in new[] { $"UPDATE {schema}.consent_history SET value = 'news'", $"DELETE FROM {schema}.consent_history", $"TRUNCATE {schema}.consent_history" })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => server.ScalarAsync(statement));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"));
    }

    [SkippableFact]
    public async Task A_schema_written_by_a_newer_version_is_refused_and_left_untouched()
    {
        var schema = Ledger(out var ledger);
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);
        await server.ScalarAsync($"UPDATE {schema}.octopus_privacy_schema SET version = 3");

        await using var newer = new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema }, null);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await newer.AppendAsync("t", [ConsentChange.Grant("ads")]));

        Assert.Contains("newer version of Octopus.Privacy.PostgreSql (schema 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"));
    }

    [SkippableFact]
    public async Task A_schema_with_tables_of_its_own_is_refused_and_left_untouched()
    {
        server.Require();
        var schema = PostgreSqlServer.NewSchema();
        await server.ScalarAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.customers (id int PRIMARY KEY, email text)");

        await using var ledger = new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema }, null);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await ledger.GetAsync("s"));

        Assert.Contains("is not an Octopus.Privacy consent ledger", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema}'"));
    }

    [SkippableFact]
    public async Task Ledgers_in_one_process_creating_one_schema_at_once_all_succeed_and_make_one_schema()
    {
        server.Require();
        var schema = PostgreSqlServer.NewSchema();
        var ledgers = Enumerable.Range(0, 8).Select(_ => new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = false }, null)).ToList();
        ledgers.ForEach(l => _ledgers.Keep(l));

        var results = await Task.WhenAll(ledgers.Select((l, i) => l.AppendAsync("s-" + i, [ConsentChange.Grant("ads")]).AsTask()));

        Assert.All(results, r => Assert.Equal(1, r.Version));
        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.octopus_privacy_schema"));
        Assert.Equal(8L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.consent_history"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host=")]
    [InlineData("Database=consent")]
    [InlineData("Colour=blue")]
    [InlineData("Host=db;Port=many")]
    public void A_connection_string_without_a_server_is_an_argument_error(string connectionString)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new PostgreSqlConsentLedger(connectionString));

        Assert.Equal("connectionString", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Octopus")]
    [InlineData("octopus-privacy")]
    [InlineData("1st")]
    [InlineData("pg_catalog")]
    [InlineData("a_schema_name_that_is_far_too_long_for_the_ledger_1")]
    [InlineData("privacy\"; DROP TABLE x; --")]
    public void A_schema_that_is_not_a_plain_lower_case_name_is_an_argument_error(string schema)
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgreSqlConsentLedger("Host=localhost", new PostgreSqlConsentLedgerOptions { Schema = schema }, null));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void AddPostgreSqlConsentLedger_checks_the_connection_string_where_it_is_called()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddPostgreSqlConsentLedger("Database=consent"));

        Assert.Equal("connectionString", error.ParamName);
    }

    [SkippableFact]
    public async Task AddPostgreSqlConsentLedger_gives_the_guard_decisions_by_subject()
    {
        server.Require();
        var options = new PostgreSqlConsentLedgerOptions { Schema = PostgreSqlServer.NewSchema() };
        await using var services = new ServiceCollection().AddOctopusPrivacy().AddPostgreSqlConsentLedger(server.ConnectionString, options).BuildServiceProvider();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        var ledger = services.GetRequiredService<IConsentLedger>();

        Assert.IsType<PostgreSqlConsentLedger>(ledger);
        Assert.False(await MayOfferAsync(guard, "s"));
        await ledger.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
        Assert.True(await MayOfferAsync(guard, "s"));
        await ledger.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]);
        Assert.False(await MayOfferAsync(guard, "s"));
    }

    [SkippableFact]
    public async Task A_data_source_given_to_the_ledger_stays_the_callers()
    {
        server.Require();
        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        await using (var ledger = new PostgreSqlConsentLedger(dataSource, new PostgreSqlConsentLedgerOptions { Schema = PostgreSqlServer.NewSchema() }, null))
        {
            await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [SkippableFact]
    public async Task A_withdrawal_in_another_process_reaches_this_guard_long_before_its_cache_expires()
    {
        var schema = Ledger(out var writer);
        await writer.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
        var (services, guard, listener) = await ListeningGuardAsync(schema);
        await using var disposeServices = services;
        Assert.True(await MayOfferAsync(guard, "s"));

        // Another data source, other connections: for the guard, another process. Only a notification can tell it.
        await writer.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]);

        Assert.True(await EventuallyAsync(async () => !await MayOfferAsync(guard, "s")), "the withdrawal never reached the guard within its hour-long cache");
    }

    [SkippableFact]
    public async Task A_listening_connection_that_is_cut_connects_again_and_drops_what_it_may_have_missed()
    {
        var schema = Ledger(out var writer);
        await writer.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
        await writer.AppendAsync("t", [ConsentChange.AcceptPolicy("1.0")]);
        var (services, guard, listener) = await ListeningGuardAsync(schema);
        await using var disposeServices = services;
        Assert.True(await MayOfferAsync(guard, "s"));
        Assert.True(await MayOfferAsync(guard, "t"));

        // The listening connection is cut (as a proxy or a failover would) and a withdrawal is made before it is back.
        // The listening connection's last statement is its LISTEN, or its keep-alive query when it was quiet for a while.
        var cut = await server.ScalarAsync(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE (query = 'LISTEN \"{schema}_changes\"' OR query = 'SELECT 1') AND pid <> pg_backend_pid()");
        Assert.Equal(1L, cut);
        await writer.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]);

        Assert.True(await EventuallyAsync(() => Task.FromResult(listener.Connections >= 2 && listener.IsListening)), "the listener did not connect again");
        Assert.False(await MayOfferAsync(guard, "s"));
        await writer.AppendAsync("t", [ConsentChange.Withdraw("marketing.offers")]);
        Assert.True(await EventuallyAsync(async () => !await MayOfferAsync(guard, "t")), "a withdrawal after the reconnection was not heard");
    }

    [SkippableFact]
    public async Task With_listening_off_a_change_elsewhere_is_seen_when_the_cache_expires()
    {
        var schema = Ledger(out var writer);
        await writer.AppendAsync("s", [ConsentChange.AcceptPolicy("1.0")]);
        var time = new ManualTime();
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromSeconds(1))
            .AddPostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = false })
            .BuildServiceProvider();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        Assert.True(await MayOfferAsync(guard, "s"));

        await writer.AppendAsync("s", [ConsentChange.Withdraw("marketing.offers")]);
        Assert.Null(((PostgreSqlConsentLedger)services.GetRequiredService<IConsentLedger>()).Listener);
        Assert.True(await MayOfferAsync(guard, "s"));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await MayOfferAsync(guard, "s"));
    }

    [SkippableFact]
    public async Task FindPermittedSubjects_reads_the_purpose_index_when_only_what_was_said_counts()
    {
        var schema = Ledger(out var ledger);
        await ledger.AppendAsync("s", [ConsentChange.Grant("ads")]);
        await server.ScalarAsync($"ANALYZE {schema}.consent_current");

        var plan = await server.ScalarAsync($"SET enable_seqscan = off; EXPLAIN SELECT subject_id FROM {schema}.consent_current WHERE purpose = 'ads' AND status = ANY('{{1}}'::smallint[])");

        Assert.Contains("consent_current_by_purpose", (string)plan!, StringComparison.Ordinal);
        Assert.Equal(["s"], await ToListAsync(ledger.FindPermittedSubjectsAsync(Policy, ["contact.email"], "ads", "internal")));
    }

    protected override Task<IConsentLedger> CreateAsync(TimeProvider time, PrivacyPolicy? policy)
    {
        server.Require();
        var ledger = _ledgers.Keep(new PostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = PostgreSqlServer.NewSchema(), Policy = policy }, time));
        return Task.FromResult<IConsentLedger>(ledger);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        // A bound on a wait that should take milliseconds, not a timing assertion: only never is a failure.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    private string Ledger(out PostgreSqlConsentLedger ledger) => _ledgers.Open(out ledger);

    private static ValueTask<bool> MayOfferAsync(IPrivacyGuard guard, string subjectId) =>
        guard.IsPermittedAsync(subjectId, ["contact.email"], "marketing.offers", "internal");

    /// <summary>A guard on the ledger in <paramref name="schema"/> whose cache lasts an hour, once its ledger listens: only a notification can tell it of a change.</summary>
    private async Task<(ServiceProvider Services, IPrivacyGuard Guard, ConsentChangeListener Listener)> ListeningGuardAsync(string schema)
    {
        var services = new ServiceCollection()
            .AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromHours(1))
            .AddPostgreSqlConsentLedger(server.ConnectionString, new PostgreSqlConsentLedgerOptions { Schema = schema })
            .BuildServiceProvider();
        var guard = services.GetRequiredService<IPrivacyGuard>();
        var listener = ((PostgreSqlConsentLedger)services.GetRequiredService<IConsentLedger>()).Listener!;
        await listener.WhenListening.WaitAsync(TimeSpan.FromSeconds(30));
        return (services, guard, listener);
    }
}
