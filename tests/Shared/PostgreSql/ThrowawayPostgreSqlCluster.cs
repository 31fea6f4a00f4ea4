using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Octopus.Privacy.Testing.PostgreSql;

/// <summary>
/// A throw-away PostgreSQL cluster started the way an operator would: <c>initdb</c> into a temporary directory as an
/// unprivileged user (the <c>postgres</c> account when the caller is root, since the server refuses to run as root),
/// listening on 127.0.0.1 on a free port with a password; stopped and deleted when disposed. Used by the tests and
/// the benchmarks.
/// </summary>
internal sealed class ThrowawayPostgreSqlCluster : IAsyncDisposable
{
    private readonly string _binaries;
    private readonly string _directory;
    private readonly bool _runAsPostgres;

    private ThrowawayPostgreSqlCluster(string binaries, string directory, bool runAsPostgres)
    {
        _binaries = binaries;
        _directory = directory;
        _runAsPostgres = runAsPostgres;
    }

    /// <summary>Gets the connection string of the cluster's <c>postgres</c> database, as its superuser.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>
    /// The directory of the machine's PostgreSQL server binaries: <c>PG_BIN</c>, Debian's
    /// <c>/usr/lib/postgresql/N/bin</c> (the newest), or the <c>PATH</c>; <see langword="null"/> when none has them.
    /// </summary>
    public static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => Runnable(Path.Combine(d, "initdb")) && Runnable(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Creates and starts a cluster from the binaries in <paramref name="binaries"/>.</summary>
    public static async Task<ThrowawayPostgreSqlCluster> StartNewAsync(string binaries)
    {
        var cluster = new ThrowawayPostgreSqlCluster(binaries, Directory.CreateTempSubdirectory("octopus-privacy-postgres-").FullName, Environment.UserName == "root");
        try
        {
            await cluster.InitializeAsync();
            return cluster;
        }
        catch
        {
            Directory.Delete(cluster._directory, recursive: true);
            throw;
        }
    }

    /// <summary>Stops the server the way a crash would: no checkpoint, connections cut.</summary>
    public Task StopImmediatelyAsync() => PgCtlAsync("-m", "immediate", "-w", "stop");

    /// <summary>Starts the server and waits until it accepts connections (after crash recovery, if any).</summary>
    public Task StartAsync() => PgCtlAsync("-l", Path.Combine(_directory, "server.log"), "-w", "-t", "120", "start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgCtlAsync("-m", "fast", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
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

    private async Task InitializeAsync()
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var passwordFile = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        var socket = Path.Combine(_directory, "socket");
        Directory.CreateDirectory(socket);
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
            $"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{socket}'\nmax_connections = 200\n");
        await StartAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Password = password, Database = "postgres" }.ConnectionString;
    }

    private Task PgCtlAsync(params string[] arguments) => RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, .. arguments], _runAsPostgres);

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
