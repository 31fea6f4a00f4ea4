using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Octopus.Privacy.PostgreSql.Tests;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests, started the way an operator would: <c>initdb</c> into a temporary
/// directory as an unprivileged user (the <c>postgres</c> account when the tests run as root, since the server refuses
/// to run as root), listening on 127.0.0.1 on a free port with a password, stopped and deleted afterwards.
/// <para>
/// <c>OCTOPUS_PRIVACY_TEST_POSTGRES</c> set to a connection string uses that server instead (each test works in a
/// schema of its own; the tests that stop the server are skipped). Without PostgreSQL binaries the tests are
/// skipped with a message that says how to install them, except under <c>CI=true</c>, where they fail.
/// </para>
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

    private string? _directory;
    private string? _binaries;
    private string? _unavailable;
    private bool _runAsPostgres;

    /// <summary>Gets the connection string of the server's <c>postgres</c> database, as its superuser.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Gets a value indicating whether these tests started the server and may stop it.</summary>
    public bool IsOwn => _directory is not null;

    private string DataDirectory => Path.Combine(_directory!, "data");

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } external)
        {
            ConnectionString = external;
            return;
        }

        _binaries = FindBinaries();
        if (_binaries is null)
        {
            _unavailable = InstallAdvice;
            return;
        }

        _runAsPostgres = Environment.UserName == "root";
        _directory = Directory.CreateTempSubdirectory("octopus-privacy-postgres-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        Directory.CreateDirectory(Path.Combine(_directory, "socket"));
        if (_runAsPostgres)
        {
            // The server refuses to run as root: the cluster belongs to the unprivileged postgres account.
            await RunAsync("chown", ["-R", "postgres:", _directory], asPostgres: false);
        }

        await RunAsync(Path.Combine(_binaries, "initdb"), ["-D", DataDirectory, "-U", "postgres", "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-instructions"], _runAsPostgres);
        File.Delete(passwordFile);
        var port = FreePort();
        await File.AppendAllTextAsync(
            Path.Combine(DataDirectory, "postgresql.conf"),
            $"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{Path.Combine(_directory, "socket")}'\nmax_connections = 200\n");
        await StartAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Password = password, Database = "postgres" }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_binaries!, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], _runAsPostgres);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
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
    public Task StopImmediatelyAsync() => RunAsync(Path.Combine(_binaries!, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _runAsPostgres);

    /// <summary>Starts the server and waits until it accepts connections (after crash recovery, if any).</summary>
    public Task StartAsync() => RunAsync(Path.Combine(_binaries!, "pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(_directory!, "server.log"), "-w", "-t", "120", "start"], _runAsPostgres);

    /// <summary>Runs one SQL statement as the superuser and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            // Debian's layout, one directory per major version: the newest first.
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => Runnable(Path.Combine(d, "initdb")) && Runnable(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Whether the file exists, following links: a link left behind by an uninstalled package does not count.</summary>
    private static bool Runnable(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}

/// <summary>The PostgreSQL tests share one server and run one at a time (some stop it).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlTests : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL server";
}
