using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy.Sqlite;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// A decision by subject id through the guard with a warm snapshot, against the same decision made in memory from
/// a <see cref="DataUseRequest"/>: what a service pays for asking the ledger-backed guard on a hot path.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GuardBySubjectBenchmarks
{
    private static readonly string[] Email = ["contact.email"];
    private ServiceProvider _services = null!;
    private IPrivacyGuard _guard = null!;
    private DataUseRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromHours(1)).AddInMemoryConsentLedger().BuildServiceProvider();
        _guard = _services.GetRequiredService<IPrivacyGuard>();
        var ledger = _services.GetRequiredService<IConsentLedger>();
        ledger.AppendAsync("subject-1", [ConsentChange.AcceptPolicy("1.0"), ConsentChange.Grant("marketing.offers")]).AsTask().GetAwaiter().GetResult();
        _request = new DataUseRequest(Email, "marketing.offers", "internal") { Consent = ledger.GetAsync("subject-1").AsTask().GetAwaiter().GetResult().State };
        if (!IsPermittedBySubject() || !InMemory())
        {
            throw new InvalidOperationException("The benchmark's request must be permitted.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public bool InMemory() => _guard.IsPermitted(_request);

    /// <summary>A warm decision completes synchronously: its result is read without waiting, as a caller's await does.</summary>
    [Benchmark]
    public bool IsPermittedBySubject()
    {
        var decision = _guard.IsPermittedAsync("subject-1", Email, "marketing.offers", "internal");
        return decision.IsCompletedSuccessfully ? decision.Result : decision.AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>The SQLite ledger on a real file (WAL, synchronous=FULL): an uncached read, one durable append, and batches of 100 changes.</summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class; [GlobalCleanup] disposes the ledger.")]
public class SqliteLedgerBenchmarks
{
    private const int Subjects = 10_000;
    private readonly ConsentChange[] _batch = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")).ToArray();
    private string _directory = null!;
    private SqliteConsentLedger _ledger = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("octopus-privacy-ledger-bench-").FullName;
        _ledger = new SqliteConsentLedger($"Data Source={Path.Combine(_directory, "ledger.db")}");
        for (var i = 0; i < Subjects; i++)
        {
            _ledger.AppendAsync("subject-" + i, [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")]).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ledger.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A subject's snapshot read from the file, as the guard does on a cache miss.</summary>
    [Benchmark]
    public long GetUncached() => _ledger.GetAsync("subject-" + (_next++ % Subjects)).AsTask().GetAwaiter().GetResult().Version;

    /// <summary>One change, committed durably (synchronous=FULL) before it returns.</summary>
    [Benchmark]
    public long AppendOne() => _ledger.AppendAsync("appended-" + _next++, [ConsentChange.Grant("ads")]).AsTask().GetAwaiter().GetResult().Position;

    /// <summary>100 changes in one append: the time per change (OperationsPerInvoke = 100).</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public long AppendBatchOf100() => _ledger.AppendAsync("batch-" + _next++, _batch).AsTask().GetAwaiter().GetResult().Position;
}

/// <summary>
/// <see cref="IConsentLedger.FindPermittedSubjectsAsync"/> over 1,000,000 subjects in a SQLite ledger: an opt-out
/// purpose (every subject's acceptance and withdrawals count) and an opt-in one (the purpose index alone).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class; [GlobalCleanup] disposes the ledger.")]
public class AudienceBenchmarks
{
    private const int Subjects = 1_000_000;
    private static readonly string[] Email = ["contact.email"];
    private string _directory = null!;
    private SqliteConsentLedger _ledger = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("octopus-privacy-audience-bench-").FullName;
        var file = Path.Combine(_directory, "ledger.db");
        _ledger = new SqliteConsentLedger($"Data Source={file}");

        // The schema through the ledger, then a million subjects written in one transaction with the same rows the
        // ledger writes (history, subject, current state): every 10th subject withdrew marketing.offers, every 7th
        // granted it, every 13th accepted an old version.
        _ledger.AppendAsync("seed", [ConsentChange.AcceptPolicy("1.0")]).AsTask().GetAwaiter().GetResult();
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var history = Command(connection, transaction, "INSERT INTO consent_history (subject_id, version, action, value, occurred_at, recorded_at) VALUES ($s, $v, $a, $x, 0, 0)", "$s", "$v", "$a", "$x");
        using var subject = Command(connection, transaction, "INSERT INTO consent_subject (subject_id, version, accepted_version) VALUES ($s, $v, $x)", "$s", "$v", "$x");
        using var current = Command(connection, transaction, "INSERT INTO consent_current (subject_id, purpose, status) VALUES ($s, 'marketing.offers', $x)", "$s", "$x");
        for (var i = 0; i < Subjects; i++)
        {
            var id = "subject-" + i;
            var accepted = i % 13 == 0 ? "0.9" : "1.0";
            var status = i % 10 == 0 ? 2 : i % 7 == 0 ? 1 : 0;
            Run(history, id, 1, 0, accepted);
            if (status != 0)
            {
                Run(history, id, 2, status, "marketing.offers");
                Run(current, id, status);
            }

            Run(subject, id, status == 0 ? 1 : 2, accepted);
        }

        transaction.Commit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ledger.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int OptOutPurpose() => Count("marketing.offers", "internal");

    [Benchmark]
    public int OptInPurpose() => Count("marketing.offers", "processor");

    private int Count(string purpose, string recipient)
    {
        var count = 0;
        var subjects = _ledger.FindPermittedSubjectsAsync(PrivacyPolicy.OctopusGroup, Email, purpose, recipient).GetAsyncEnumerator();
        try
        {
            while (subjects.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                count++;
            }
        }
        finally
        {
            subjects.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return count;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string text, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
