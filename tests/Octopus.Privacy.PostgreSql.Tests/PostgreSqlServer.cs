using Npgsql;
using Octopus.Privacy.Testing.PostgreSql;

namespace Octopus.Privacy.PostgreSql.Tests;

/// <summary>
/// The server the PostgreSQL tests run against: a <see cref="ThrowawayPostgreSqlCluster"/> started from the machine's
/// PostgreSQL binaries, or the server <c>OCTOPUS_PRIVACY_TEST_POSTGRES</c> names (each test works in a schema of its
/// own; the tests that stop the server are skipped). Without PostgreSQL binaries the tests are skipped with a message
/// that says how to install them, except under <c>CI=true</c>, where they fail.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>The environment variable that points the tests at a server of one's own.</summary>
    public const string ConnectionVariable = "OCTOPUS_PRIVACY_TEST_POSTGRES";

    private const string InstallAdvice =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found, so the PostgreSQL ledger tests cannot start a server. "
        + "Install them (Debian, Ubuntu: sudo apt-get install -y postgresql; Fedora: sudo dnf install postgresql-server; "
        + "macOS: brew install postgresql@15), put their directory in PG_BIN or PATH, or set " + ConnectionVariable
        + " to the connection string of a server you own.";

    private ThrowawayPostgreSqlCluster? _cluster;
    private string? _unavailable;

    /// <summary>Gets the connection string of the server's <c>postgres</c> database, as its superuser.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Gets a value indicating whether these tests started the server and may stop it.</summary>
    public bool IsOwn => _cluster is not null;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } external)
        {
            ConnectionString = external;
            return;
        }

        if (ThrowawayPostgreSqlCluster.FindBinaries() is not { } binaries)
        {
            _unavailable = InstallAdvice;
            return;
        }

        _cluster = await ThrowawayPostgreSqlCluster.StartNewAsync(binaries);
        ConnectionString = _cluster.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Skips the test with the install advice when there is no server to use, or fails under <c>CI=true</c>.</summary>
    public void Require()
    {
        if (_unavailable is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true, so the PostgreSQL tests must run: " + _unavailable);
        }

        throw new SkipException(_unavailable);
    }

    /// <summary>Skips a test that stops the server when the server is not the tests' own.</summary>
    public void RequireOwn()
    {
        Require();
        Skip.IfNot(IsOwn, $"This test stops the server; it runs only on the throw-away server the tests start, not on the one {ConnectionVariable} names.");
    }

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Stops the server the way a crash would: no checkpoint, connections cut.</summary>
    public Task StopImmediatelyAsync() => _cluster!.StopImmediatelyAsync();

    /// <summary>Starts the server and waits until it accepts connections (after crash recovery, if any).</summary>
    public Task StartAsync() => _cluster!.StartAsync();

    /// <summary>Runs SQL as the superuser and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>The PostgreSQL tests share one server and run one at a time (some stop it).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlTests : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL server";
}
