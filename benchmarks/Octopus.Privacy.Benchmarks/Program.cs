using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Running;
using Octopus.Privacy.Benchmarks;
using Octopus.Privacy.Testing.PostgreSql;

// dotnet run -c Release --project benchmarks/Octopus.Privacy.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/Octopus.Privacy.Benchmarks -- --propagation [TRIALS]
if (args is ["--propagation-reader", var readerConnection, var readerSchema])
{
    return await Propagation.ReadAsync(readerConnection, readerSchema);
}

// The PostgreSQL cases run against the server OCTOPUS_PRIVACY_BENCH_POSTGRES names, or a throw-away cluster started
// here from the machine's PostgreSQL binaries; BenchmarkDotNet's benchmark processes inherit the variable.
ThrowawayPostgreSqlCluster? cluster = null;
var needsPostgreSql = args.Any(a => a == "*" || a.StartsWith("--propagation", StringComparison.Ordinal) || a.Contains("Ledger", StringComparison.Ordinal) || a.Contains("Audience", StringComparison.Ordinal));
if (needsPostgreSql && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(BenchmarkLedger.ConnectionVariable)))
{
    if (ThrowawayPostgreSqlCluster.FindBinaries() is { } binaries)
    {
        cluster = await ThrowawayPostgreSqlCluster.StartNewAsync(binaries);
        Environment.SetEnvironmentVariable(BenchmarkLedger.ConnectionVariable, cluster.ConnectionString);
    }
    else
    {
        Console.Error.WriteLine($"No PostgreSQL server binaries were found and {BenchmarkLedger.ConnectionVariable} is not set: the PostgreSQL cases will fail.");
    }
}

// Stopped with Ctrl+C or SIGTERM, the cluster is stopped and deleted too, not left running.
using var interrupted = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => StopCluster());
using var terminated = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => StopCluster());

try
{
    if (args is ["--propagation", ..])
    {
        var trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        return await Propagation.MeasureAsync(Environment.GetEnvironmentVariable(BenchmarkLedger.ConnectionVariable)!, trials);
    }

    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
finally
{
    StopCluster();
}

void StopCluster() => Interlocked.Exchange(ref cluster, null)?.DisposeAsync().AsTask().GetAwaiter().GetResult();
