using System.Text.Json;
using Octopus.Privacy.Analyzers.Baseline;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Baseline;

/// <summary>An Octopus.Privacy finding read from a build's SARIF log, with whether the build suppressed it.</summary>
internal sealed record SarifFinding(BaselineEntry Entry, bool Suppressed);

/// <summary>
/// Reads the Octopus.Privacy findings of a SARIF log as the C# compiler writes it (<c>-p:ErrorLog=build.sarif%2Cversion=2.1</c>;
/// the older 1.0 form too): each result's rule, its fingerprint from the diagnostic's properties, its place, and
/// whether it was suppressed (by a baseline or otherwise).
/// </summary>
internal static class SarifFindings
{
    /// <summary>Rules whose findings a baseline can accept: every OPRIV rule except OPRIV006, a broken project file.</summary>
    public static bool IsBaselined(string rule) =>
        rule.StartsWith("OPRIV", StringComparison.Ordinal) && rule != "OPRIV006";

    public static List<SarifFinding> Read(string path)
    {
        using var document = CliFiles.ReadJson(path, "SARIF log", CliFiles.MaxLogBytes, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 256 }, "not a SARIF log");
        var shown = CliText.Printable(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || String(root, "version") is not ("2.1.0" or "1.0.0") || !root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
        {
            throw new CliException($"{shown}: not a SARIF log (a SARIF log is an object with \"version\" 2.1.0 or 1.0.0 and a \"runs\" list). Write one with 'dotnet build --no-incremental -p:ErrorLog=build.sarif%2Cversion=2.1'.");
        }

        // Anything not shaped like SARIF is refused, not read as "no findings": a baseline written from it would
        // silently accept nothing, and a check would pass.
        var findings = new List<SarifFinding>();
        var withoutFingerprint = 0;
        var runIndex = 0;
        foreach (var run in runs.EnumerateArray())
        {
            runIndex++;
            if (run.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{shown}: not a SARIF log: run {runIndex} is not an object.");
            }

            if (!run.TryGetProperty("results", out var results) || results.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (results.ValueKind != JsonValueKind.Array)
            {
                throw new CliException($"{shown}: not a SARIF log: the \"results\" of run {runIndex} is not a list.");
            }

            foreach (var result in results.EnumerateArray())
            {
                if (result.ValueKind != JsonValueKind.Object)
                {
                    throw new CliException($"{shown}: not a SARIF log: a result of run {runIndex} is not an object.");
                }

                if (String(result, "ruleId") is not { } rule || !IsBaselined(rule))
                {
                    continue;
                }

                var properties = CustomProperties(result);
                if (String(properties, "member") is not { } member || String(properties, "sink") is not { } sink || String(properties, "source") is not { } source)
                {
                    withoutFingerprint++;
                    continue;
                }

                var (file, line) = Place(result);
                findings.Add(new SarifFinding(new BaselineEntry(rule, member, sink, source, file, line), IsSuppressed(result)));
            }
        }

        if (withoutFingerprint > 0 && findings.Count == 0)
        {
            throw new CliException($"{shown}: its {withoutFingerprint} Octopus.Privacy results carry no fingerprint; build with this version of the Octopus.Privacy package.");
        }

        return findings;
    }

    private static JsonElement CustomProperties(JsonElement result) =>
        result.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("customProperties", out var custom) && custom.ValueKind == JsonValueKind.Object
            ? custom
            : properties;

    private static bool IsSuppressed(JsonElement result)
    {
        // SARIF 2.1: "suppressions": [ { "kind": "inSource" } ] (an accepted suppression unless its status says otherwise).
        if (result.TryGetProperty("suppressions", out var suppressions) && suppressions.ValueKind == JsonValueKind.Array)
        {
            return suppressions.EnumerateArray().Any(s => String(s, "status") is null or "accepted");
        }

        // SARIF 1.0: "suppressionStates": [ "suppressedInSource" ].
        return result.TryGetProperty("suppressionStates", out var states) && states.ValueKind == JsonValueKind.Array && states.GetArrayLength() > 0;
    }

    private static (string? File, int? Line) Place(JsonElement result)
    {
        if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array || locations.GetArrayLength() == 0)
        {
            return (null, null);
        }

        var location = locations[0];
        JsonElement artifact = default, region = default;
        if (Member(location, "physicalLocation") is { } physical)
        {
            artifact = Member(physical, "artifactLocation") ?? default;
            region = Member(physical, "region") ?? default;
        }
        else if (Member(location, "resultFile") is { } resultFile)
        {
            artifact = resultFile;
            region = Member(resultFile, "region") ?? default;
        }

        var uri = artifact.ValueKind == JsonValueKind.Object ? String(artifact, "uri") : null;
        int? line = region.ValueKind == JsonValueKind.Object && region.TryGetProperty("startLine", out var startLine) && startLine.TryGetInt32(out var number) ? number : null;
        return (uri is null ? null : Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : uri, line);
    }

    /// <summary>A member of an object that is itself an object, or null: a log shaped otherwise has no place, not an error.</summary>
    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
