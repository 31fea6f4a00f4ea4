using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

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

