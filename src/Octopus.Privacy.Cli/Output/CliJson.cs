using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Octopus.Privacy.Cli.Output;

internal sealed record PolicyIdentity(string Name, string Version);

internal sealed record ConsentDescription(string? Accepted, IReadOnlyList<string> Granted, IReadOnlyList<string> Withdrawn);

internal sealed record RequestDescription(IReadOnlyList<string> Categories, string Purpose, string Recipient, ConsentDescription Consent);

internal sealed record ExplainResult(
    PolicyIdentity Policy,
    RequestDescription Request,
    bool Permitted,
    string Reason,
    string? Rule,
    string? Clause,
    IReadOnlyList<string> Obligations,
    string Explanation);

internal sealed record Vocabulary(IReadOnlyList<string> Categories, IReadOnlyList<string> Purposes, IReadOnlyList<string> Recipients);

internal sealed record DecisionChange(string Category, string Purpose, string Recipient, string Consent, string Before, string After, string? RuleAfter);

internal sealed record DiffResult(
    PolicyIdentity Old,
    PolicyIdentity New,
    Vocabulary Added,
    Vocabulary Removed,
    IReadOnlyList<DecisionChange> Broadened,
    IReadOnlyList<DecisionChange> Narrowed,
    IReadOnlyList<string> RevivedVersions,
    bool Material,
    string Verdict);

internal sealed record ConsentAppendOutput(string Subject, long Version, long Position, bool Duplicate);

internal sealed record ConsentPurposeOutput(string Purpose, string Status);

internal sealed record ConsentShowOutput(string Subject, long Version, string? AcceptedPolicyVersion, IReadOnlyList<ConsentPurposeOutput> Purposes, DateTimeOffset? AsOf);

internal sealed record ConsentRecordOutput(long Version, long Position, string Action, string Value, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string? Source, string? Evidence);

internal sealed record ConsentHistoryOutput(string Subject, IReadOnlyList<ConsentRecordOutput> Records);

internal sealed record ConsentAudienceOutput(PolicyIdentity Policy, IReadOnlyList<string> Categories, string Purpose, string Recipient, IReadOnlyList<string> Subjects);

internal sealed record ConsentEraseOutput(string Subject, DateTimeOffset ErasedAt, string Reason, long FirstVersion, long LastVersion, long RecordsErased, long DecisionsErased);

/// <summary>Every JSON the tool writes, through source generation.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(ExplainResult))]
[JsonSerializable(typeof(DiffResult))]
[JsonSerializable(typeof(ConsentAppendOutput))]
[JsonSerializable(typeof(ConsentShowOutput))]
[JsonSerializable(typeof(ConsentHistoryOutput))]
[JsonSerializable(typeof(ConsentAudienceOutput))]
[JsonSerializable(typeof(ConsentEraseOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>Indented, camel case, with non-ASCII text written as is.</summary>
    public static CliJsonContext Writer { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
