using System.Text;
using System.Text.Json;

namespace Octopus.Privacy.Cli.DataMap;

/// <summary>A member that holds personal data: <c>Shop.Customer.Email</c>, category <c>contact.email</c>.</summary>
internal sealed record MapSource(string Member, string Category, string File, int Line);

/// <summary>A place where personal data is logged or shared, with what the analyzer and the policy say of it.</summary>
internal sealed record MapSite(
    string File,
    int Line,
    string Member,
    IReadOnlyList<string> Categories,
    string Sink,
    string SinkName,
    string? Recipient,
    IReadOnlyList<string> GuardedBy,
    string Verdict,
    string? Diagnostic,
    IReadOnlyList<string> Sources)
{
    /// <summary>Where the site is, as a person writes it: <c>Services/Mailer.cs:21</c>.</summary>
    public string Place => File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// One row of the records of processing: a purpose the code's consent checks ask about (or none), a category used for
/// it, a recipient, whether the policy permits that use with the person's consent to the purpose, and the sites.
/// </summary>
internal sealed record ProcessingRow(string? Purpose, string Category, string? Recipient, bool? Permitted, string Reason, IReadOnlyList<string> Sites);

/// <summary>The data map of a code base: its personal members, every site, and the records of processing derived from them.</summary>
internal sealed record DataMapDocument(string PolicyName, string PolicyVersion, IReadOnlyList<MapSource> Sources, IReadOnlyList<MapSite> Sites, IReadOnlyList<ProcessingRow> Processing)
{
    /// <summary>The verdicts a site can have, in the order the docs explain them.</summary>
    public static readonly IReadOnlyList<string> Verdicts = ["finding", "policy-conflict", "guarded", "redacted"];

    /// <summary>How many sites have each verdict, as a person reads it: <c>2 finding, 1 policy-conflict, 1 guarded, 1 redacted</c>.</summary>
    public string VerdictCounts => string.Join(", ", Verdicts.Select(v => $"{Sites.Count(s => s.Verdict == v)} {v}"));

    /// <summary>Builds the records of processing from the sites: one row per purpose, category and recipient.</summary>
    public static IReadOnlyList<ProcessingRow> RecordsOfProcessing(IReadOnlyList<MapSite> sites, PrivacyPolicy policy)
    {
        var rows = new SortedDictionary<(string Purpose, string Category, string Recipient), List<string>>();
        foreach (var site in sites)
        {
            IEnumerable<string?> purposes = site.GuardedBy.Count == 0 ? new string?[] { null } : site.GuardedBy.Cast<string?>();
            foreach (var purpose in purposes)
            {
                foreach (var category in site.Categories)
                {
                    var key = (purpose ?? string.Empty, category, site.Recipient ?? string.Empty);
                    if (!rows.TryGetValue(key, out var places))
                    {
                        rows[key] = places = [];
                    }

                    if (!places.Contains(site.Place, StringComparer.Ordinal))
                    {
                        places.Add(site.Place);
                    }
                }
            }
        }

        return rows.Select(row =>
        {
            var purpose = row.Key.Purpose.Length == 0 ? null : row.Key.Purpose;
            var recipient = row.Key.Recipient.Length == 0 ? null : row.Key.Recipient;
            var (permitted, reason) = Judge(policy, purpose, row.Key.Category, recipient);
            return new ProcessingRow(purpose, row.Key.Category, recipient, permitted, reason, row.Value);
        }).ToList();
    }

    /// <summary>What the policy says of one use with the person's consent to the purpose granted and the policy accepted.</summary>
    private static (bool? Permitted, string Reason) Judge(PrivacyPolicy policy, string? purpose, string category, string? recipient)
    {
        if (purpose is null)
        {
            return (null, "no consent check names a purpose for this use");
        }

        if (recipient is null)
        {
            return (null, "the code does not name the recipient in the policy's terms ([DataRecipient])");
        }

        var decision = policy.Evaluate(new DataUseRequest([category], purpose, recipient)
        {
            Consent = ConsentState.Create(policy.Version, granted: [purpose]),
        });
        return (decision.IsPermitted, decision.Explanation);
    }

    /// <summary>The map as JSON: indented, '\n' line ends, every list in a fixed order, so that the same code gives the same bytes.</summary>
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("policy");
            json.WriteString("name", PolicyName);
            json.WriteString("version", PolicyVersion);
            json.WriteEndObject();

            json.WriteStartArray("sources");
            foreach (var source in Sources)
            {
                json.WriteStartObject();
                json.WriteString("member", source.Member);
                json.WriteString("category", source.Category);
                json.WriteString("file", source.File);
                json.WriteNumber("line", source.Line);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("sites");
            foreach (var site in Sites)
            {
                json.WriteStartObject();
                json.WriteString("file", site.File);
                json.WriteNumber("line", site.Line);
                json.WriteString("member", site.Member);
                WriteStrings(json, "categories", site.Categories);
                json.WriteString("sink", site.Sink);
                json.WriteString("sinkName", site.SinkName);
                WriteNullable(json, "recipient", site.Recipient);
                WriteStrings(json, "guardedBy", site.GuardedBy);
                json.WriteString("verdict", site.Verdict);
                WriteNullable(json, "diagnostic", site.Diagnostic);
                WriteStrings(json, "sources", site.Sources);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("processing");
            foreach (var row in Processing)
            {
                json.WriteStartObject();
                WriteNullable(json, "purpose", row.Purpose);
                json.WriteString("category", row.Category);
                WriteNullable(json, "recipient", row.Recipient);
                if (row.Permitted is bool permitted)
                {
                    json.WriteBoolean("permitted", permitted);
                }
                else
                {
                    json.WriteNull("permitted");
                }

                json.WriteString("reason", row.Reason);
                WriteStrings(json, "sites", row.Sites);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
