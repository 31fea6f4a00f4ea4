using System.Text;
using System.Text.Json;

namespace Octopus.Privacy.Policies.Parsing;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value that remembers where it stood in the text.</summary>
internal sealed class JsonTreeNode
{
    public JsonTreeNode(JsonKind kind, int offset, string path)
    {
        Kind = kind;
        Offset = offset;
        Path = path;
    }

    public JsonKind Kind { get; }

    /// <summary>Gets the byte offset of the value's first token in the UTF-8 text.</summary>
    public int Offset { get; }

    public string Path { get; }

    public string? Text { get; init; }

    public List<JsonTreeProperty>? Properties { get; init; }

    public List<JsonTreeNode>? Items { get; init; }

    public string Describe() => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}

internal readonly record struct JsonTreeProperty(string Name, int NameOffset, JsonTreeNode Value);

/// <summary>
/// Reads JSON into <see cref="JsonTreeNode"/>s with byte offsets and JSON paths, reporting duplicate keys,
/// so that validation can point at every problem by line and column.
/// </summary>
internal static class JsonTree
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <summary>Reads a document. Returns null, with one problem added, when the text is not well-formed JSON.</summary>
    public static JsonTreeNode? Read(ReadOnlySpan<byte> utf8, LineMap lines, List<PolicyProblem> problems)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                problems.Add(new PolicyProblem("$", 1, 1, "The document is empty; expected a JSON object."));
                return null;
            }

            var root = ReadValue(ref reader, "$", lines, problems);
            if (reader.Read())
            {
                var (line, column) = lines.Locate((int)reader.TokenStartIndex);
                problems.Add(new PolicyProblem("$", line, column, "Unexpected content after the end of the JSON document."));
                return null;
            }

            return root;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            problems.Add(new PolicyProblem("$", line, column, "Malformed JSON: " + TrimPosition(ex.Message)));
            return null;
        }
    }

    public static string Child(string path, string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return name.Length == 0 ? $"{path}['']" : $"{path}.{name}";
    }

    public static string Index(string path, int index) => $"{path}[{index}]";

    private static JsonTreeNode ReadValue(ref Utf8JsonReader reader, string path, LineMap lines, List<PolicyProblem> problems)
    {
        var offset = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var properties = new List<JsonTreeProperty>();
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var nameOffset = (int)reader.TokenStartIndex;
                        var name = reader.GetString()!;
                        var childPath = Child(path, name);
                        reader.Read();
                        var value = ReadValue(ref reader, childPath, lines, problems);
                        if (!seen.Add(name))
                        {
                            var (line, column) = lines.Locate(nameOffset);
                            problems.Add(new PolicyProblem(childPath, line, column, $"Duplicate key '{name}'."));
                            continue;
                        }

                        properties.Add(new JsonTreeProperty(name, nameOffset, value));
                    }

                    return new JsonTreeNode(JsonKind.Object, offset, path) { Properties = properties };
                }

            case JsonTokenType.StartArray:
                {
                    var items = new List<JsonTreeNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, Index(path, items.Count), lines, problems));
                    }

                    return new JsonTreeNode(JsonKind.Array, offset, path) { Items = items };
                }

            case JsonTokenType.String:
                return new JsonTreeNode(JsonKind.String, offset, path) { Text = reader.GetString() };
            case JsonTokenType.Number:
                return new JsonTreeNode(JsonKind.Number, offset, path) { Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new JsonTreeNode(JsonKind.True, offset, path);
            case JsonTokenType.False:
                return new JsonTreeNode(JsonKind.False, offset, path);
            default:
                return new JsonTreeNode(JsonKind.Null, offset, path);
        }
    }

    private static string TrimPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return (cut < 0 ? message : message[..cut]).Trim();
    }
}

/// <summary>Turns byte offsets of UTF-8 text into 1-based lines and character columns.</summary>
internal sealed class LineMap
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];

    public LineMap(byte[] utf8)
    {
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) Locate(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var lineStart = _lineStarts[Math.Max(index, 0)];
        var column = Encoding.UTF8.GetCharCount(_utf8, lineStart, Math.Max(offset - lineStart, 0)) + 1;
        return (Math.Max(index, 0) + 1, column);
    }
}
