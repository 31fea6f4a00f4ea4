using BenchmarkDotNet.Attributes;

namespace Octopus.Privacy.Benchmarks;

/// <summary>Parse + validate + compile a policy document, from text to a policy ready to evaluate.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ParseBenchmarks
{
    private string _default = null!;
    private string _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _default = PrivacyPolicy.OctopusGroup.ToJson();
        _large = LargePolicyGenerator.Generate();
    }

    [Benchmark(Description = "Parse octopus-group.json")]
    public PrivacyPolicy ParseDefault() => PrivacyPolicy.Parse(_default);

    [Benchmark(Description = "Parse generated 10,000-rule policy")]
    public PrivacyPolicy ParseLarge() => PrivacyPolicy.Parse(_large);
}
