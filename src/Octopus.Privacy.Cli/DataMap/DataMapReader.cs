using System.Text.Json;

namespace Octopus.Privacy.Cli.DataMap;

/// <summary>Reads the data-map entries (OPRIV900 sites, OPRIV901 members) out of the SARIF logs of the map's build.</summary>
internal static class DataMapReader
{
    private const string SiteRule = "OPRIV900";
    private const string SourceRule = "OPRIV901";

    /// <summary>
    /// The sources and sites of every log, with files relative to <paramref name="root"/> ('/' separators), duplicates
    /// (one project built for several target frameworks) merged, each list in a fixed order.
    /// </summary>
    /// <exception cref="CliException">A log is not the SARIF the compiler writes.</exception>
    public static (IReadOnlyList<MapSource> Sources, IReadOnlyList<MapSite> Sites) Read(IEnumerable<string> logs, string root)
    {
        var sources = new Dictionary<(string, string), MapSource>();
        var sites = new Dictionary<(string File, int Line, string Sink, string Member), MapSite>();
        foreach (var log in logs)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllBytes(log));
            }
            catch (JsonException ex)
            {
                throw new CliException($"the build wrote a SARIF log that is not JSON ({Path.GetFileName(log)}: {ex.Message})");
            }

            using (document)
            {
                foreach (var result in Results(document.RootElement))
                {
                    var rule = Text(result, "ruleId");
                    if (rule is not (SiteRule or SourceRule) || Place(result, root) is not var (file, line))
                    {
                        continue;
                    }

                    var properties = Properties(result);
                    string Property(string name) => properties.TryGetValue(name, out var value) ? value : string.Empty;
                    if (rule == SourceRule)
                    {
                        var source = new MapSource(Property("member"), Property("category"), file, line);
                        sources.TryAdd((source.Member, source.Category), source);
                        continue;
                    }

                    var site = new MapSite(
                        file,
                        line,
                        Property("member"),
                        List(Property("categories")),
                        Property("sink"),
                        Property("sinkName"),
                        NullIfEmpty(Property("recipient")),
                        List(Property("guardedBy")),
                        Property("verdict"),
                        NullIfEmpty(Property("diagnostic")),
                        List(Property("sources")));
                    // One call is one site: the analyzer may describe it twice (the call itself a sink, and a sink the
                    // callee reaches further down), and a project built for several target frameworks once per framework.
                    var key = (site.File, site.Line, site.Sink, site.Member);
                    sites[key] = sites.TryGetValue(key, out var known) ? Merge(known, site) : site;
                }
            }
        }

        return (
            sources.Values.OrderBy(s => s.Member, StringComparer.Ordinal).ThenBy(s => s.Category, StringComparer.Ordinal).ToList(),
            sites.Values.OrderBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Line).ThenBy(s => s.SinkName, StringComparer.Ordinal).ThenBy(s => s.Member, StringComparer.Ordinal).ToList());
    }

    /// <summary>Two descriptions of one site: what reaches it is the union, its verdict the more serious, its sink the call itself.</summary>
    private static MapSite Merge(MapSite a, MapSite b)
    {
        var (first, second) = Severity(b) > Severity(a) ? (b, a) : (a, b);
        static IReadOnlyList<string> Union(IReadOnlyList<string> x, IReadOnlyList<string> y) => x.Union(y, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sinkName = new[] { a.SinkName, b.SinkName }.OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).First();
        return first with
        {
            Categories = Union(a.Categories, b.Categories),
            Sources = Union(a.Sources, b.Sources),
            GuardedBy = first.Verdict == second.Verdict ? Union(a.GuardedBy, b.GuardedBy) : first.GuardedBy,
            SinkName = sinkName,
            Recipient = first.Recipient ?? second.Recipient,
            Diagnostic = first.Diagnostic ?? second.Diagnostic,
        };
    }

    private static int Severity(MapSite site) => site.Verdict switch
    {
        "finding" => 3,
        "policy-conflict" => 2,
        "guarded" => 1,
        _ => 0,
    };

    private static IEnumerable<JsonElement> Results(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
        {
            throw new CliException("the build wrote a SARIF log without runs; is the compiler's error log format 2.1?");
        }

        foreach (var run in runs.EnumerateArray())
        {
            if (run.ValueKind == JsonValueKind.Object && run.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var result in results.EnumerateArray())
                {
                    if (result.ValueKind == JsonValueKind.Object)
                    {
                        yield return result;
                    }
                }
            }
        }
    }

    /// <summary>The diagnostic's properties: SARIF 2.1 as the compiler writes it keeps them under properties.customProperties.</summary>
    private static Dictionary<string, string> Properties(JsonElement result)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var custom = properties.TryGetProperty("customProperties", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : properties;
            foreach (var property in custom.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    values[property.Name] = property.Value.GetString()!;
                }
            }
        }

        return values;
    }

    private static (string File, int Line)? Place(JsonElement result, string root)
    {
        if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array || locations.GetArrayLength() == 0
            || !locations[0].TryGetProperty("physicalLocation", out var physical)
            || !physical.TryGetProperty("artifactLocation", out var artifact) || Text(artifact, "uri") is not { } uri
            || !physical.TryGetProperty("region", out var region) || !region.TryGetProperty("startLine", out var startLine) || !startLine.TryGetInt32(out var line))
        {
            return null;
        }

        var path = Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : Uri.UnescapeDataString(uri);
        var relative = Path.GetRelativePath(root, Path.GetFullPath(path, root)).Replace('\\', '/');
        return (relative, line);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
