using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy.Sqlite;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// A warm decision by subject with the decision log off and on: what a service pays on its hot path for recording
/// disclosures (the request's shape is <see cref="GuardBySubjectBenchmarks"/>'s: one category). <c>Internal</c> is a use the log does not record; <c>Disclosure</c> one it records (to a processor).
/// The store is the SQLite ledger file, whose writer falls behind a loop of decisions (the queue fills and entries
/// are dropped and counted), or a store that takes every batch at once, so that every entry is queued and written.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionLogBenchmarks
{
    private static readonly string[] Categories = ["contact.email"];
    private readonly string _directory = Directory.CreateTempSubdirectory("octopus-privacy-decision-log-bench-").FullName;
    private ServiceProvider _services = null!;
    private IPrivacyGuard _guard = null!;

    /// <summary>Gets or sets the decision log: <c>off</c>, <c>sqlite</c> (the ledger's file) or <c>instant</c> (a store that takes every batch at once).</summary>
    [Params("off", "sqlite", "instant")]
    public string Log { get; set; } = "off";

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddOctopusPrivacy(o => o.ConsentCacheDuration = TimeSpan.FromHours(1));
        if (Log == "off")
        {
            services.AddInMemoryConsentLedger();
        }
        else
        {
            services.AddSqliteConsentLedger($"Data Source={Path.Combine(_directory, "ledger.db")}").AddPrivacyDecisionLog();
            if (Log == "instant")
            {
                services.AddSingleton<IDecisionLog, InstantDecisionLog>();
            }
        }

        _services = services.BuildServiceProvider();
        _guard = _services.GetRequiredService<IPrivacyGuard>();
        _services.GetRequiredService<IConsentLedger>().AppendAsync("subject-1", [ConsentChange.AcceptPolicy("1.0"), ConsentChange.Grant("marketing.offers")]).AsTask().GetAwaiter().GetResult();
        if (!Internal() || !Disclosure())
        {
            throw new InvalidOperationException("The benchmark's requests must be permitted.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A use inside the company: never recorded.</summary>
    [Benchmark(Baseline = true)]
    public bool Internal() => Decide("internal");

    /// <summary>A disclosure to a processor: recorded when the log is on.</summary>
    [Benchmark]
    public bool Disclosure() => Decide("processor");

    private bool Decide(string recipient)
    {
        var decision = _guard.CheckAsync("subject-1", Categories, "marketing.offers", recipient);
        return decision.IsCompletedSuccessfully ? decision.Result.IsPermitted : decision.AsTask().GetAwaiter().GetResult().IsPermitted;
    }

    /// <summary>A store that takes every batch at once and keeps nothing: the writer never falls behind.</summary>
    private sealed class InstantDecisionLog : IDecisionLog
    {
        public ValueTask AppendDecisionsAsync(IReadOnlyList<DecisionLogEntry> entries, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public IAsyncEnumerable<DecisionLogEntry> ReadDecisionsAsync(string subjectId, CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<DecisionLogEntry>();

        public ValueTask<long> DeleteDecisionsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => ValueTask.FromResult(0L);
    }
}
