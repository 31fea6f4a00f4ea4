using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Octopus.Privacy;

/// <summary>
/// What an access request is answered with (<see cref="SubjectRights.ExportAsync"/>): a subject's current consent,
/// every change with its evidence and source, the disclosures the decision log recorded, the recipients to notify of
/// a rectification or erasure, the erasures recorded, and the application's own data. <see cref="WriteTo"/> writes the
/// JSON document described in <c>docs/subject-rights.md</c>.
/// </summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="ExportedAt">When the export was made.</param>
/// <param name="State">The subject's current consent.</param>
/// <param name="History">Every record of the subject, in version order.</param>
/// <param name="Disclosures">The decision log's entries for the subject, oldest first.</param>
/// <param name="RecipientsToNotify">The recipients the subject's data was disclosed to, in name order.</param>
/// <param name="Erasures">The erasures recorded for the subject, oldest first.</param>
/// <param name="ApplicationData">Each <see cref="IPersonalDataContributor"/>'s data under its name.</param>
public sealed record SubjectDataExport(
    string SubjectId,
    DateTimeOffset ExportedAt,
    ConsentSnapshot State,
    IReadOnlyList<ConsentRecord> History,
    IReadOnlyList<DecisionLogEntry> Disclosures,
    IReadOnlyList<DisclosureRecipient> RecipientsToNotify,
    IReadOnlyList<ConsentErasure> Erasures,
    IReadOnlyDictionary<string, JsonNode?> ApplicationData)
{
    /// <summary>Writes the export as one indented UTF-8 JSON document.</summary>
    /// <param name="utf8Json">The stream to write to; left open.</param>
    public void WriteTo(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var json = new Utf8JsonWriter(utf8Json, new JsonWriterOptions { Indented = true });
        Write(json);
    }

    /// <summary>Gets the export as an indented JSON document.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Action(ConsentAction action) => action switch
    {
        ConsentAction.AcceptPolicy => "accept",
        ConsentAction.Grant => "grant",
        _ => "withdraw",
    };

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("subject", SubjectId);
        json.WriteString("exportedAt", Time(ExportedAt));

        json.WriteStartObject("state");
        json.WriteNumber("version", State.Version);
        json.WriteString("acceptedPolicyVersion", State.State.AcceptedPolicyVersion);
        json.WriteStartArray("purposes");
        foreach (var purpose in History.Where(r => r.Change.Action != ConsentAction.AcceptPolicy).Select(r => r.Change.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("purpose", purpose);
            json.WriteString("status", State.State.StatusOf(purpose) == ConsentStatus.Granted ? "granted" : "withdrawn");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("history");
        foreach (var record in History)
        {
            json.WriteStartObject();
            json.WriteNumber("version", record.Version);
            json.WriteNumber("position", record.Position);
            json.WriteString("action", Action(record.Change.Action));
            json.WriteString("value", record.Change.Value);
            json.WriteString("occurredAt", Time(record.OccurredAt));
            json.WriteString("recordedAt", Time(record.RecordedAt));
            json.WriteString("source", record.Source);
            json.WriteString("evidence", record.Evidence);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("disclosures");
        foreach (var entry in Disclosures)
        {
            json.WriteStartObject();
            json.WriteString("decidedAt", Time(entry.DecidedAt));
            json.WriteString("recipient", entry.Recipient);
            Strings(json, "categories", entry.Categories);
            json.WriteString("purpose", entry.Purpose);
            json.WriteBoolean("permitted", entry.IsPermitted);
            json.WriteString("reason", entry.Reason.ToString());
            json.WriteStartObject("policy");
            json.WriteString("name", entry.PolicyName);
            json.WriteString("version", entry.PolicyVersion);
            json.WriteEndObject();
            json.WriteString("ruleId", entry.RuleId);
            json.WriteString("clause", entry.Clause);
            json.WriteNumber("ledgerVersion", entry.LedgerVersion);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("recipientsToNotify");
        foreach (var recipient in RecipientsToNotify)
        {
            json.WriteStartObject();
            json.WriteString("recipient", recipient.Recipient);
            Strings(json, "categories", recipient.Categories);
            Strings(json, "purposes", recipient.Purposes);
            json.WriteString("firstDisclosedAt", Time(recipient.FirstDisclosedAt));
            json.WriteString("lastDisclosedAt", Time(recipient.LastDisclosedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("erasures");
        foreach (var erasure in Erasures)
        {
            json.WriteStartObject();
            json.WriteString("erasedAt", Time(erasure.ErasedAt));
            json.WriteString("reason", erasure.Reason);
            json.WriteNumber("firstVersion", erasure.FirstVersion);
            json.WriteNumber("lastVersion", erasure.LastVersion);
            json.WriteNumber("recordsErased", erasure.RecordsErased);
            json.WriteNumber("decisionsErased", erasure.DecisionsErased);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("applicationData");
        foreach (var (name, data) in ApplicationData.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(name);
            if (data is null)
            {
                json.WriteNullValue();
            }
            else
            {
                data.WriteTo(json);
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
