using System.Text;
using System.Text.Json;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Baseline;

/// <summary>
/// The baseline file the analyzer reads (its <c>octopus_privacy.baseline_file</c>), version 1:
/// <c>{ "version": 1, "findings": [ { "rule", "member", "sink", "source", "file", "line" } ] }</c>, sorted so that it
/// diffs well in review. Only rule, member, sink and source are matched; file and line are for people.
/// </summary>
internal static class BaselineDocument
{
    public const int Version = 1;

    public static List<BaselineEntry> Read(string path)
    {
        using var document = CliFiles.ReadJson(path, "baseline file", CliFiles.MaxLogBytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }, "not valid JSON");
        var shown = CliText.Printable(path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != Version)
        {
            throw new CliException($"{shown}: not an Octopus.Privacy baseline of version {Version} (\"version\": {Version}); write it with '{CliApplication.Name} baseline create'.");
        }

        if (!root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            throw new CliException($"{shown}: the baseline has no \"findings\" array.");
        }

        var entries = new List<BaselineEntry>();
        var index = 0;
        foreach (var finding in findings.EnumerateArray())
        {
            index++;
            if (Text(finding, "rule") is not { } rule || Text(finding, "member") is not { } member || Text(finding, "sink") is not { } sink || Text(finding, "source") is not { } source)
            {
                throw new CliException($"{shown}: finding {index} needs the strings \"rule\", \"member\", \"sink\" and \"source\".");
            }

            int? line = finding.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : null;
            entries.Add(new BaselineEntry(rule, member, sink, source, Text(finding, "file"), line));
        }

        return entries;
    }

    /// <summary>Writes the entries, one per fingerprint, sorted; file paths relative to the baseline's directory.</summary>
    public static void Write(string path, IEnumerable<BaselineEntry> entries)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var unique = entries
            .GroupBy(e => e.Key)
            .Select(g => g.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).First())
            .OrderBy(e => e.Rule, StringComparer.Ordinal).ThenBy(e => e.Member, StringComparer.Ordinal)
            .ThenBy(e => e.Sink, StringComparer.Ordinal).ThenBy(e => e.Source, StringComparer.Ordinal)
            .ToList();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("findings");
            foreach (var entry in unique)
            {
                writer.WriteStartObject();
                writer.WriteString("rule", entry.Rule);
                writer.WriteString("member", entry.Member);
                writer.WriteString("sink", entry.Sink);
                writer.WriteString("source", entry.Source);
                if (entry.File is { } file)
                {
                    writer.WriteString("file", Path.IsPathRooted(file) ? Path.GetRelativePath(directory, file).Replace('\\', '/') : file);
                }

                if (entry.Line is { } line)
                {
                    writer.WriteNumber("line", line);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // Written whole to a temporary file and moved into place: an interrupted run leaves the old baseline intact.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Encoding.UTF8.GetString(stream.ToArray()) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
