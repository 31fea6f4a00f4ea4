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
    private readonly JsonTreeNode? _parent;
    private readonly string? _key;
    private readonly int _index;

    public JsonTreeNode(JsonKind kind, int offset, JsonTreeNode? parent, string? key, int index)
    {
        Kind = kind;
        Offset = offset;
        _parent = parent;
        _key = key;
        _index = index;
    }

    public JsonKind Kind { get; }

    /// <summary>Gets the byte offset of the value's first token in the UTF-8 text.</summary>
    public int Offset { get; }

    /// <summary>Gets the JSON path of the value, built only when a problem needs it.</summary>
    public string Path => _parent is null ? "$"
        : _key is not null ? JsonTree.Child(_parent.Path, _key)
        : JsonTree.Index(_parent.Path, _index);

    public string? Text { get; set; }

    public List<JsonTreeProperty>? Properties { get; set; }

    public List<JsonTreeNode>? Items { get; set; }

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
/// Reads JSON into <see cref="JsonTreeNode"/>s with byte offsets and JSON paths, reporting duplicate keys, so that
/// validation can point at every problem by line and column. This is all the parsing layer does: text in, a syntax
/// tree out, or one problem saying why the text is not a JSON document.
/// </summary>
internal static class JsonTree
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = PolicyLimits.MaxDepth,
    };

    /// <summary>Reads a document. Returns null, with one problem added, when the text is not well-formed JSON.</summary>
    public static JsonTreeNode? Read(SourceText text, ProblemList problems)
    {
        var reader = new Utf8JsonReader(text.Utf8, ReaderOptions);
        try
        {
            if (text.Utf8.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0 || !reader.Read())
            {
                problems.Add(new PolicyProblem("$", 1, 1, "The document is empty; expected a JSON object."));
                return null;
            }

            var root = ReadValue(ref reader, null, null, 0, text, problems);
            if (reader.Read())
            {
                var (line, column) = text.Locate((int)reader.TokenStartIndex);
                problems.Add(new PolicyProblem("$", line, column, "Unexpected content after the end of the JSON document."));
                return null;
            }

            return root;
        }
        catch (JsonException ex)
        {
            var (line, column) = text.Locate(text.OffsetOfReaderPosition(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0));
            problems.Add(new PolicyProblem("$", line, column, "Malformed JSON: " + TrimPosition(ex.Message)));
            return null;
        }
        catch (LoneSurrogateException ex)
        {
            var (line, column) = text.Locate(ex.Offset);
            problems.Add(new PolicyProblem("$", line, column, "A string contains an escaped lone surrogate (such as \\ud800), which is not valid Unicode."));
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

    private static JsonTreeNode ReadValue(ref Utf8JsonReader reader, JsonTreeNode? parent, string? key, int index, SourceText text, ProblemList problems)
    {
        var offset = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var node = new JsonTreeNode(JsonKind.Object, offset, parent, key, index);
                    var properties = new List<JsonTreeProperty>();
                    HashSet<string>? manyNames = null;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var nameOffset = (int)reader.TokenStartIndex;
                        var name = GetString(ref reader);
                        reader.Read();
                        var value = ReadValue(ref reader, node, name, 0, text, problems);
                        if (IsDuplicate(properties, ref manyNames, name))
                        {
                            if (problems.Accepting)
                            {
                                var (line, column) = text.Locate(nameOffset);
                                problems.Add(new PolicyProblem(value.Path, line, column, $"Duplicate key '{name}'."));
                            }
                            else
                            {
                                problems.Skip();
                            }

                            continue;
                        }

                        properties.Add(new JsonTreeProperty(name, nameOffset, value));
                    }

                    node.Properties = properties;
                    return node;
                }

            case JsonTokenType.StartArray:
                {
                    var node = new JsonTreeNode(JsonKind.Array, offset, parent, key, index);
                    var items = new List<JsonTreeNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, node, null, items.Count, text, problems));
                    }

                    node.Items = items;
                    return node;
                }

            case JsonTokenType.String:
                return new JsonTreeNode(JsonKind.String, offset, parent, key, index) { Text = GetString(ref reader) };
            case JsonTokenType.Number:
                return new JsonTreeNode(JsonKind.Number, offset, parent, key, index) { Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new JsonTreeNode(JsonKind.True, offset, parent, key, index);
            case JsonTokenType.False:
                return new JsonTreeNode(JsonKind.False, offset, parent, key, index);
            default:
                return new JsonTreeNode(JsonKind.Null, offset, parent, key, index);
        }
    }

    /// <summary>The string value of the current token; an escaped lone surrogate (<c>"\\ud800"</c>) is a problem, not a crash.</summary>
    private static string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new LoneSurrogateException((int)reader.TokenStartIndex, ex);
        }
    }

    /// <summary>Small objects are checked by a scan; from 16 keys on, by a set built once.</summary>
    private static bool IsDuplicate(List<JsonTreeProperty> properties, ref HashSet<string>? manyNames, string name)
    {
        if (manyNames is null && properties.Count >= 16)
        {
            manyNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in properties)
            {
                manyNames.Add(property.Name);
            }
        }

        if (manyNames is not null)
        {
            return !manyNames.Add(name);
        }

        foreach (var property in properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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

#pragma warning disable CA1032, CA1064 // Private control flow inside the reader, never seen outside it.
    private sealed class LoneSurrogateException(int offset, Exception inner) : Exception(null, inner)
#pragma warning restore CA1032, CA1064
    {
        public int Offset { get; } = offset;
    }
}
