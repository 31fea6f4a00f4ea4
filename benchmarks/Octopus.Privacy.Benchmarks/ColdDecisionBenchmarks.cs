using BenchmarkDotNet.Attributes;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// The one-time cost of the first decision for a (category, purpose, recipient) cell on a freshly parsed
/// 10,000-rule policy: intersecting the rule bit sets and building the cell's outcomes. Later decisions for the
/// same cell are table reads (see <see cref="EvaluationBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(1)]
public class ColdDecisionBenchmarks
{
    private const int Cells = 64;

    private readonly string _json = LargePolicyGenerator.Generate();
    private PrivacyPolicy _policy = null!;
    private DataUseRequest[] _requests = null!;

    [IterationSetup]
    public void FreshPolicy()
    {
        _policy = PrivacyPolicy.Parse(_json);
        _requests = new DataUseRequest[Cells];
        for (var i = 0; i < Cells; i++)
        {
            var category = LargePolicyGenerator.Category(i % LargePolicyGenerator.Domains, i % LargePolicyGenerator.FieldsPerDomain);
            _requests[i] = new DataUseRequest([category], LargePolicyGenerator.Purpose(i % LargePolicyGenerator.PurposeCount), LargePolicyGenerator.Recipient(i % LargePolicyGenerator.RecipientCount));
        }
    }

    [Benchmark(Description = "First decision of a cell, 10,000-rule policy", OperationsPerInvoke = Cells)]
    public bool FirstDecision()
    {
        var permitted = false;
        foreach (var request in _requests)
        {
            permitted ^= _policy.Evaluate(request).IsPermitted;
        }

        return permitted;
    }
}
