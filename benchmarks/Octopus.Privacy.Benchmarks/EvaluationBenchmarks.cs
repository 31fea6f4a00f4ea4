using BenchmarkDotNet.Attributes;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// One decision, on the default policy and on a generated 10,000-rule policy, for 1 to 3 categories.
/// Every request is one whose decision turns on consent (denied with nothing recorded, permitted once granted), so
/// the consent state is really consulted. It records an accepted version and one grant; the decision table is warm,
/// as in a running service.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EvaluationBenchmarks
{
    private PreparedRequest _prepared;
    private DataUseRequest _request = null!;
    private PrivacyPolicy _policy = null!;
    private ConsentState _consent = null!;

    [Params("octopus-group", "generated-10000-rules")]
    public string Policy { get; set; } = "octopus-group";

    [Params(1, 2, 3)]
    public int Categories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] categories;
        string purpose;
        string recipient;
        if (Policy == "octopus-group")
        {
            _policy = PrivacyPolicy.OctopusGroup;
            categories = ["identity.name", "contact.email", "contact.address"];
            purpose = "marketing.offers";
            recipient = "processor";
            _consent = ConsentState.None.AcceptPolicy("1.0").Grant("marketing.offers");
        }
        else
        {
            _policy = PrivacyPolicy.Parse(LargePolicyGenerator.Generate());
            (categories, purpose, recipient) = LargePolicyGenerator.FindConsentDependentRequest(_policy, 3);
            _consent = ConsentState.None.AcceptPolicy("1").Grant(purpose);
        }

        categories = categories[..Categories];
        _prepared = _policy.Prepare(categories, purpose, recipient);
        _request = new DataUseRequest(categories, purpose, recipient) { Consent = _consent };
        _ = _policy.Evaluate(_request);
    }

    [Benchmark(Description = "PreparedRequest.Evaluate")]
    public PolicyDecision Prepared() => _prepared.Evaluate(_consent);

    [Benchmark(Description = "PrivacyPolicy.Evaluate(DataUseRequest)")]
    public PolicyDecision Direct() => _policy.Evaluate(_request);
}
