using System.Globalization;
using System.Text;

namespace Octopus.Privacy.Benchmarks;

/// <summary>
/// Makes a large, valid policy document: by default 10,000 rules over 200 categories (20 domains of 10 fields,
/// every tenth field non-personal), 50 purposes and 20 recipients. Deterministic for a given seed.
/// </summary>
public static class LargePolicyGenerator
{
    public const int Domains = 20;
    public const int FieldsPerDomain = 10;
    public const int PurposeCount = 50;
    public const int RecipientCount = 20;

    private static readonly string[] Modes = ["none", "opt-out", "opt-in"];
    private static readonly string[] Obligations = ["audit", "contract-required", "notify", "retain-30-days", "encrypt", "pseudonymise", "log-access", "review"];

    public static string Category(int domain, int field) => $"domain{domain}.field{field}";

    public static string Purpose(int index) => $"purpose-{index}";

    public static string Recipient(int index) => $"recipient-{index}";

    /// <summary>
    /// Finds, in document order of purposes and recipients, the first purpose and recipient for which
    /// <paramref name="count"/> personal categories are denied with nothing recorded and permitted once granted.
    /// </summary>
    public static (string[] Categories, string Purpose, string Recipient) FindConsentDependentRequest(PrivacyPolicy policy, int count)
    {
        foreach (var purpose in policy.Purposes)
        {
            foreach (var recipient in policy.Recipients)
            {
                var granted = ConsentState.None.Grant(purpose.Name);
                var categories = policy.Categories
                    .Where(c => c.IsPersonal)
                    .Select(c => c.Name)
                    .Where(c => !policy.Evaluate(new DataUseRequest([c], purpose.Name, recipient.Name)).IsPermitted
                        && policy.Evaluate(new DataUseRequest([c], purpose.Name, recipient.Name) { Consent = granted }).IsPermitted)
                    .Take(count)
                    .ToArray();
                if (categories.Length == count)
                {
                    return (categories, purpose.Name, recipient.Name);
                }
            }
        }

        throw new InvalidOperationException("The generated policy has no request that depends on consent.");
    }

    public static string Generate(int rules = 10_000, int seed = 42)
    {
        var random = new Random(seed);
        var json = new StringBuilder(rules * 200);
        json.Append("{\n  \"name\": \"Generated\",\n  \"version\": \"1\",\n  \"categories\": {\n");
        for (var d = 0; d < Domains; d++)
        {
            for (var f = 0; f < FieldsPerDomain; f++)
            {
                var last = d == Domains - 1 && f == FieldsPerDomain - 1;
                json.Append(CultureInfo.InvariantCulture, $"    \"{Category(d, f)}\": {{ \"personal\": {(f == 9 ? "false" : "true")} }}{(last ? "" : ",")}\n");
            }
        }

        json.Append("  },\n  \"purposes\": {\n");
        for (var p = 0; p < PurposeCount; p++)
        {
            json.Append(CultureInfo.InvariantCulture, $"    \"{Purpose(p)}\": {{ \"consent\": \"{Modes[p % 3]}\" }}{(p == PurposeCount - 1 ? "" : ",")}\n");
        }

        json.Append("  },\n  \"recipients\": {\n");
        for (var r = 0; r < RecipientCount; r++)
        {
            json.Append(CultureInfo.InvariantCulture, $"    \"{Recipient(r)}\": {{}}{(r == RecipientCount - 1 ? "" : ",")}\n");
        }

        json.Append("  },\n  \"rules\": [\n");
        for (var i = 0; i < rules; i++)
        {
            var forbid = random.Next(10) == 0;
            json.Append(CultureInfo.InvariantCulture, $"    {{ \"id\": \"rule-{i}\", \"effect\": \"{(forbid ? "forbid" : "permit")}\", \"categories\": [");
            var categoryCount = random.Next(1, 4);
            var categories = new HashSet<string>();
            while (categories.Count < categoryCount)
            {
                categories.Add(random.Next(5) == 0 ? $"domain{random.Next(Domains)}" : Category(random.Next(Domains), random.Next(FieldsPerDomain)));
            }

            json.AppendJoin(", ", categories.Select(c => $"\"{c}\"")).Append(']');
            if (random.Next(10) != 0)
            {
                var purposes = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Purpose(random.Next(PurposeCount))).Distinct();
                json.Append(", \"purposes\": [").AppendJoin(", ", purposes.Select(p => $"\"{p}\"")).Append(']');
            }

            if (random.Next(10) != 0)
            {
                var recipients = Enumerable.Range(0, random.Next(1, 3)).Select(_ => Recipient(random.Next(RecipientCount))).Distinct();
                json.Append(", \"recipients\": [").AppendJoin(", ", recipients.Select(r => $"\"{r}\"")).Append(']');
            }

            if (!forbid && random.Next(4) == 0)
            {
                json.Append(CultureInfo.InvariantCulture, $", \"consent\": \"{Modes[random.Next(3)]}\"");
            }

            if (!forbid && random.Next(3) == 0)
            {
                json.Append(CultureInfo.InvariantCulture, $", \"obligations\": [\"{Obligations[random.Next(Obligations.Length)]}\"]");
            }

            json.Append(CultureInfo.InvariantCulture, $", \"clause\": \"Section {i % 40}\" }}{(i == rules - 1 ? "" : ",")}\n");
        }

        json.Append("  ]\n}\n");
        return json.ToString();
    }
}
