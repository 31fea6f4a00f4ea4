using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Octopus.Privacy.PostgreSql;
using Octopus.Privacy.Sqlite;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// The durable stores side by side in one run: SQLite on a real file (WAL, synchronous=FULL) and PostgreSQL on a
/// local server (the throw-away cluster <c>Program</c> starts, or the one <c>OCTOPUS_PRIVACY_BENCH_POSTGRES</c> names).
/// An uncached read, one append, a batch of 100 changes, and appends from 16 concurrent writers.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class; [GlobalCleanup] disposes the ledger.")]
public class LedgerStoreBenchmarks
{
    private const int Subjects = 10_000;
    private const int Writers = 16;
    private const int AppendsPerWriter = 8;
    private readonly ConsentChange[] _batch = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? ConsentChange.Grant("ads") : ConsentChange.Withdraw("ads")).ToArray();
    private BenchmarkLedger _store = null!;
    private int _next;

    /// <summary>Gets or sets the store: <c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    [Params(BenchmarkLedger.Sqlite, BenchmarkLedger.PostgreSql)]
    public string Store { get; set; } = BenchmarkLedger.Sqlite;

    [GlobalSetup]
    public void Setup()
    {
        _store = BenchmarkLedger.Open(Store, "ledger");
        if (_store.SubjectCount() < Subjects)
        {
            // Seeded through the ledger itself, from 16 writers.
            Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var i = w; i < Subjects; i += Writers)
                {
                    await _store.Ledger.AppendAsync("subject-" + i, [ConsentChange.AcceptPolicy("2"), ConsentChange.Grant("ads")]);
                }
            }))).GetAwaiter().GetResult();
        }

        _next = Environment.ProcessId * 1_000_000;
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A subject's snapshot read from the store, as the guard does on a cache miss.</summary>
    [Benchmark]
    public long GetUncached() => _store.Ledger.GetAsync("subject-" + (_next++ % Subjects)).AsTask().GetAwaiter().GetResult().Version;

    /// <summary>One change, committed durably before it returns.</summary>
    [Benchmark]
    public long AppendOne() => _store.Ledger.AppendAsync("appended-" + _next++, [ConsentChange.Grant("ads")]).AsTask().GetAwaiter().GetResult().Position;

    /// <summary>100 changes in one append: the time per change (OperationsPerInvoke = 100).</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public long AppendBatchOf100() => _store.Ledger.AppendAsync("batch-" + _next++, _batch).AsTask().GetAwaiter().GetResult().Position;

    /// <summary>
    /// 16 writers appending 8 changes each, one change per append, all at once: the time per append
    /// (OperationsPerInvoke = 128), whose inverse is the throughput with 16 concurrent writers.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Writers * AppendsPerWriter)]
    public void Append16Writers()
    {
        var first = _next;
        _next += Writers * AppendsPerWriter;
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                await _store.Ledger.AppendAsync("concurrent-" + (first + (w * AppendsPerWriter) + i), [ConsentChange.Grant("ads")]);
            }
        }))).GetAwaiter().GetResult();
    }
}

/// <summary>
/// <see cref="IConsentLedger.FindPermittedSubjectsAsync"/> over 1,000,000 subjects, in each store: an opt-out purpose
/// (every subject's acceptance and withdrawals count) and an opt-in one (the purpose index alone).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet needs an unsealed class; [GlobalCleanup] disposes the ledger.")]
public class AudienceBenchmarks
{
    private const int Subjects = 1_000_000;
    private static readonly string[] Email = ["contact.email"];
    private BenchmarkLedger _store = null!;

    /// <summary>Gets or sets the store: <c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    [Params(BenchmarkLedger.Sqlite, BenchmarkLedger.PostgreSql)]
    public string Store { get; set; } = BenchmarkLedger.Sqlite;

    [GlobalSetup]
    public void Setup()
    {
        _store = BenchmarkLedger.Open(Store, "audience");
        if (_store.SubjectCount() < Subjects)
        {
            // The schema through the ledger, then a million subjects written in one transaction with the rows the
            // ledger writes (history, subject, current state): every 10th subject withdrew marketing.offers, every
            // 7th granted it, every 13th accepted an old version.
            _store.Ledger.AppendAsync("seed", [ConsentChange.AcceptPolicy("1.0")]).AsTask().GetAwaiter().GetResult();
            _store.BulkLoad(Enumerable.Range(0, Subjects).Select(i => new SeedSubject("subject-" + i, i % 13 == 0 ? "0.9" : "1.0", (short)(i % 10 == 0 ? 2 : i % 7 == 0 ? 1 : 0))));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int OptOutPurpose() => Count("marketing.offers", "internal");

    [Benchmark]
    public int OptInPurpose() => Count("marketing.offers", "processor");

    private int Count(string purpose, string recipient)
    {
        var count = 0;
        var subjects = _store.Ledger.FindPermittedSubjectsAsync(PrivacyPolicy.OctopusGroup, Email, purpose, recipient).GetAsyncEnumerator();
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
}

/// <summary>A subject written straight into a store's tables: its accepted version and its status for marketing.offers (0: none).</summary>
internal readonly record struct SeedSubject(string Id, string Accepted, short Status);

/// <summary>
/// A ledger of one store for a benchmark: a new SQLite file in a temporary directory, or a PostgreSQL schema
/// <c>bench_NAME</c> that is kept between benchmark processes (the data set is loaded once per server).
/// </summary>
internal sealed class BenchmarkLedger : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>The environment variable with the PostgreSQL server's connection string.</summary>
    public const string ConnectionVariable = "OCTOPUS_PRIVACY_BENCH_POSTGRES";

    private readonly string? _directory;
    private readonly string? _file;
    private readonly string? _connectionString;
    private readonly string? _schema;

    private BenchmarkLedger(IConsentLedger ledger, string? directory, string? file, string? connectionString, string? schema)
    {
        Ledger = ledger;
        _directory = directory;
        _file = file;
        _connectionString = connectionString;
        _schema = schema;
    }

    public IConsentLedger Ledger { get; }

    public static BenchmarkLedger Open(string store, string name)
    {
        if (store == Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory($"octopus-privacy-{name}-bench-").FullName;
            var file = Path.Combine(directory, "ledger.db");
            return new BenchmarkLedger(new SqliteConsentLedger($"Data Source={file}"), directory, file, null, null);
        }

        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException($"No PostgreSQL server: install the PostgreSQL server binaries (so that the benchmark program starts a throw-away cluster) or set {ConnectionVariable}.");
        var schema = "bench_" + name;
        return new BenchmarkLedger(new PostgreSqlConsentLedger(connectionString, new PostgreSqlConsentLedgerOptions { Schema = schema, ListenForChanges = false }, null), null, null, connectionString, schema);
    }

    /// <summary>How many subjects the store holds now.</summary>
    public long SubjectCount()
    {
        if (_file is not null)
        {
            return 0;
        }

        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var exists = new NpgsqlCommand($"SELECT to_regclass('{_schema}.consent_subject') IS NOT NULL", connection);
        if (!(bool)exists.ExecuteScalar()!)
        {
            return 0;
        }

        using var count = new NpgsqlCommand($"SELECT count(*) FROM {_schema}.consent_subject", connection);
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>Writes subjects straight into the store's tables, in one transaction, as the ledger would have.</summary>
    public void BulkLoad(IEnumerable<SeedSubject> subjects)
    {
        if (_file is not null)
        {
            LoadSqlite(subjects);
        }
        else
        {
            LoadPostgreSql(subjects);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)Ledger).DisposeAsync();
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
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

    private void LoadSqlite(IEnumerable<SeedSubject> subjects)
    {
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var history = Command(connection, transaction, "INSERT INTO consent_history (subject_id, version, action, value, occurred_at, recorded_at) VALUES ($s, $v, $a, $x, 0, 0)", "$s", "$v", "$a", "$x");
        using var subject = Command(connection, transaction, "INSERT INTO consent_subject (subject_id, version, accepted_version) VALUES ($s, $v, $x)", "$s", "$v", "$x");
        using var current = Command(connection, transaction, "INSERT INTO consent_current (subject_id, purpose, status) VALUES ($s, 'marketing.offers', $x)", "$s", "$x");
        foreach (var (id, accepted, status) in subjects)
        {
            Run(history, id, 1, 0, accepted);
            if (status != 0)
            {
                Run(history, id, 2, (int)status, "marketing.offers");
                Run(current, id, (int)status);
            }

            Run(subject, id, status == 0 ? 1 : 2, accepted);
        }

        transaction.Commit();
    }

    private void LoadPostgreSql(IEnumerable<SeedSubject> subjects)
    {
        var list = subjects.ToList();
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        long position;
        using (var command = new NpgsqlCommand($"SELECT position FROM {_schema}.consent_position FOR UPDATE", connection, transaction))
        {
            position = (long)command.ExecuteScalar()!;
        }

        using (var history = connection.BeginBinaryImport($"COPY {_schema}.consent_history (position, subject_id, version, action, value, occurred_at, recorded_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, accepted, status) in list)
            {
                history.WriteRow(++position, id, 1L, (short)0, accepted, 0L, 0L);
                if (status != 0)
                {
                    history.WriteRow(++position, id, 2L, status, "marketing.offers", 0L, 0L);
                }
            }

            history.Complete();
        }

        using (var subject = connection.BeginBinaryImport($"COPY {_schema}.consent_subject (subject_id, version, accepted_version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, accepted, status) in list)
            {
                subject.WriteRow(id, status == 0 ? 1L : 2L, accepted);
            }

            subject.Complete();
        }

        using (var current = connection.BeginBinaryImport($"COPY {_schema}.consent_current (subject_id, purpose, status) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, _, status) in list.Where(s => s.Status != 0))
            {
                current.StartRow();
                current.Write(id, NpgsqlDbType.Text);
                current.Write("marketing.offers", NpgsqlDbType.Text);
                current.Write(status, NpgsqlDbType.Smallint);
            }

            current.Complete();
        }

        using (var command = new NpgsqlCommand($"UPDATE {_schema}.consent_position SET position = $1", connection, transaction) { Parameters = { new() { Value = position } } })
        {
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        using var analyze = new NpgsqlCommand($"ANALYZE {_schema}.consent_subject; ANALYZE {_schema}.consent_current; ANALYZE {_schema}.consent_history", connection);
        analyze.ExecuteNonQuery();
    }
}
