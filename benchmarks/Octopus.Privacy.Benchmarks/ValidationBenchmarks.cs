using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// <see cref="PrivacyPolicy.Validate(string)"/> on hostile and very large documents: the shapes that once took
/// quadratic time (200,000 accepted versions, 60,000 categories in one rule, a million bad names), an 8 MiB document
/// of half a million unknown properties that is parsed in full, and the largest policy validation accepts.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class ValidationBenchmarks
{
    private string _json = null!;

    [Params("200k-accepted-versions", "60k-categories-in-one-rule", "1m-bad-names", "500k-unknown-properties", "largest-accepted-policy")]
    public string Shape { get; set; } = "200k-accepted-versions";

    [GlobalSetup]
    public void Setup()
    {
        _json = Shape switch
        {
            "200k-accepted-versions" => Document(acceptedVersions: 200_000),
            "60k-categories-in-one-rule" => Document(categoriesInRule: 60_000),
            "1m-bad-names" => Document(badNames: 1_000_000),
            "500k-unknown-properties" => Document(unknownProperties: 500_000),
            _ => LargestAccepted(),
        };

        // Measure what the name says: the largest policy is valid, every other shape is rejected.
        var problems = PrivacyPolicy.Validate(_json);
        var bytes = Encoding.UTF8.GetByteCount(_json);
        Console.WriteLine($"// {Shape}: {bytes:N0} bytes, {problems.Count} problems listed; first: {(problems.Count > 0 ? problems[0].Message : "none")}");
        if ((Shape == "largest-accepted-policy") != (problems.Count == 0))
        {
            throw new InvalidOperationException($"{Shape}: unexpected validation result: {string.Join("; ", problems.Take(3))}");
        }
    }

    [Benchmark(Description = "PrivacyPolicy.Validate(json)")]
    public int Validate() => PrivacyPolicy.Validate(_json).Count;

    /// <summary>A small valid policy with one part blown up.</summary>
    public static string Document(int acceptedVersions = 0, int categoriesInRule = 0, int badNames = 0, int unknownProperties = 0)
    {
        var text = new StringBuilder("{\"name\":\"shape\",\"version\":\"1\",");
        if (acceptedVersions > 0)
        {
            text.Append("\"acceptedVersions\":[");
            for (var i = 0; i < acceptedVersions; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\"v{i}\",");
            }

            text.Append("\"1\"],");
        }

        text.Append("\"categories\":{");
        for (var i = 0; i < 1000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\"c.f{i}\":{{}},");
        }

        for (var i = 0; i < badNames; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\"B{i}\":{{}},");
        }

        text.Append("\"c.last\":{");
        for (var i = 0; i < unknownProperties; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\"x{i}\":0,");
        }

        text.Append("\"personal\":true}},\"purposes\":{\"p\":{\"consent\":\"none\"}},\"recipients\":{\"r\":{}},\"rules\":[{\"id\":\"a\",\"effect\":\"permit\"");
        if (categoriesInRule > 0)
        {
            text.Append(",\"categories\":[");
            for (var i = 0; i < categoriesInRule; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\"c.f{i % 1000}\",");
            }

            text.Append("\"c\"]");
        }

        return text.Append("}]}").ToString();
    }

    /// <summary>Every vocabulary at its limit and as many rules as fit in the document limit, each naming a few of each.</summary>
    public static string LargestAccepted()
    {
        var text = new StringBuilder("{\"name\":\"largest\",\"version\":\"1\",\"categories\":{");
        for (var i = 0; i < PolicyLimits.MaxCategories; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}\"d{i % 32}.f{i}\":{{\"personal\":{(i % 7 == 0 ? "false" : "true")}}}");
        }

        text.Append("},\"purposes\":{");
        for (var i = 0; i < PolicyLimits.MaxPurposes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}\"p{i}\":{{\"consent\":\"{(i % 3 == 0 ? "none" : i % 3 == 1 ? "opt-out" : "opt-in")}\"}}");
        }

        text.Append("},\"recipients\":{");
        for (var i = 0; i < PolicyLimits.MaxRecipients; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}\"r{i}\":{{}}");
        }

        text.Append("},\"rules\":[");
        for (var i = 0; i < PolicyLimits.MaxRules; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ",")}{{\"id\":\"rule-{i}\",\"effect\":\"{(i % 10 == 9 ? "forbid" : "permit")}\",")
                .Append(CultureInfo.InvariantCulture, $"\"categories\":[\"d{i % 32}\",\"d{(i + 7) % 32}.f{((i * 31) % (PolicyLimits.MaxCategories / 32) * 32) + ((i + 7) % 32)}\"],")
                .Append(CultureInfo.InvariantCulture, $"\"purposes\":[\"p{i % PolicyLimits.MaxPurposes}\",\"p{(i * 7) % PolicyLimits.MaxPurposes}\"],\"recipients\":[\"r{i % PolicyLimits.MaxRecipients}\"]")
                .Append(i % 10 == 9 ? "}" : string.Create(CultureInfo.InvariantCulture, $",\"obligations\":[\"o{i % PolicyLimits.MaxObligations}\"]}}"));
        }

        return text.Append("]}").ToString();
    }
}
