using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Octopus.Privacy.Analyzers.Policy;

namespace Octopus.Privacy.Analyzers.Baseline
{
    /// <summary>
    /// The baseline file's format, version 1, read by the analyzer and read and written by the command-line tool (which
    /// compiles this file in too): <c>{ "version": 1, "findings": [ { "rule", "member", "sink", "source", "file", "line" } ] }</c>.
    /// Only rule, member, sink and source are matched; file and line are for people. Written sorted, one entry per
    /// fingerprint, so that it diffs well in review.
    /// </summary>
    internal static class BaselineFormat
    {
        /// <summary>The only format version there is.</summary>
        public const int Version = 1;

        /// <summary>
        /// Reads a baseline; null with what is wrong, in the file's own terms, and the offset the reader stopped at when
        /// the text is not a baseline of this version.
        /// </summary>
        public static List<BaselineEntry>? TryRead(string text, out string? problem, out int offset)
        {
            var document = MiniJson.TryParse(text, out problem, out offset);
            if (!(document is List<KeyValuePair<string, object?>> root))
            {
                problem ??= "the document is not a JSON object";
                return null;
            }

            offset = 0;
            if (!(MiniJson.Property(root, "version") is double version) || version != Version)
            {
                problem = $"its \"version\" must be the number {Version}; write it again with octopus-privacy baseline create";
                return null;
            }

            if (!(MiniJson.Property(root, "findings") is List<object?> findings))
            {
                problem = "it has no \"findings\" array";
                return null;
            }

            var entries = new List<BaselineEntry>(findings.Count);
            for (var i = 0; i < findings.Count; i++)
            {
                if (!(findings[i] is List<KeyValuePair<string, object?>> entry)
                    || !(MiniJson.Property(entry, "rule") is string rule) || !(MiniJson.Property(entry, "member") is string member)
                    || !(MiniJson.Property(entry, "sink") is string sink) || !(MiniJson.Property(entry, "source") is string source))
                {
                    problem = $"finding {i + 1} needs the strings \"rule\", \"member\", \"sink\" and \"source\"";
                    return null;
                }

                int? line = MiniJson.Property(entry, "line") is double number && number >= 1 && number <= int.MaxValue && number == (int)number ? (int)number : (int?)null;
                entries.Add(new BaselineEntry(rule, member, sink, source, MiniJson.Property(entry, "file") as string, line));
            }

            problem = null;
            return entries;
        }

        /// <summary>Writes entries as a baseline: one per fingerprint (the first with a place, by file and line), sorted, indented, ending with a new line.</summary>
        public static string Write(IEnumerable<BaselineEntry> entries)
        {
            var unique = entries
                .GroupBy(e => e.Key)
                .Select(g => g.OrderBy(e => e.File is null).ThenBy(e => e.File, System.StringComparer.Ordinal).ThenBy(e => e.Line).First())
                .OrderBy(e => e.Rule, System.StringComparer.Ordinal).ThenBy(e => e.Member, System.StringComparer.Ordinal)
                .ThenBy(e => e.Sink, System.StringComparer.Ordinal).ThenBy(e => e.Source, System.StringComparer.Ordinal)
                .ToList();
            var text = new StringBuilder();
            text.Append("{\n  \"version\": ").Append(Version).Append(",\n  \"findings\": [");
            for (var i = 0; i < unique.Count; i++)
            {
                var entry = unique[i];
                text.Append(i == 0 ? "\n" : ",\n").Append("    {\n");
                Property(text, "rule", entry.Rule).Append(",\n");
                Property(text, "member", entry.Member).Append(",\n");
                Property(text, "sink", entry.Sink).Append(",\n");
                Property(text, "source", entry.Source);
                if (entry.File is string file)
                {
                    Property(text.Append(",\n"), "file", file);
                }

                if (entry.Line is int line)
                {
                    text.Append(",\n      \"line\": ").Append(line.ToString(CultureInfo.InvariantCulture));
                }

                text.Append("\n    }");
            }

            return text.Append(unique.Count == 0 ? "]\n}\n" : "\n  ]\n}\n").ToString();
        }

        private static StringBuilder Property(StringBuilder text, string name, string value)
        {
            text.Append("      \"").Append(name).Append("\": \"");
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < ' ' || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '<' || c == '>' || c == '&' || c == '\'' || c == '+' || c > '\u007e')
                        {
                            text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            text.Append(c);
                        }

                        break;
                }
            }

            return text.Append('"');
        }
    }

    /// <summary>One accepted finding: its fingerprint (rule, containing member, sink, source) and where it was, for people.</summary>
    internal sealed class BaselineEntry
    {
        public BaselineEntry(string rule, string member, string sink, string source, string? file, int? line)
        {
            Rule = rule;
            Member = member;
            Sink = sink;
            Source = source;
            File = file;
            Line = line;
        }

        public string Rule { get; }

        public string Member { get; }

        public string Sink { get; }

        public string Source { get; }

        public string? File { get; }

        public int? Line { get; }

        /// <summary>The fingerprint alone: what the analyzer compares.</summary>
        public (string Rule, string Member, string Sink, string Source) Key => (Rule, Member, Sink, Source);

        public BaselineEntry WithFile(string? file) => new BaselineEntry(Rule, Member, Sink, Source, file, Line);

        public override string ToString() =>
            $"{Rule} in {Member}: {Source} to {Sink}" + (File is null ? string.Empty : $" (was at {File}{(Line is int line ? $":{line}" : string.Empty)})");
    }
}
