using Octopus.Privacy.Policies.Parsing;

namespace Octopus.Privacy.Policies.Validation;

/// <summary>
/// Reads the fields of a policy document's JSON tree the one way every part of the validator needs: an object's
/// allowed properties, required and optional text, booleans, names, list limits; and reports each problem once, with
/// its path, line and column.
/// </summary>
internal sealed class PolicyFieldReader
{
    private readonly SourceText _text;
    private readonly ProblemList _problems;

    public PolicyFieldReader(SourceText text, ProblemList problems)
    {
        _text = text;
        _problems = problems;
    }

    public Dictionary<string, JsonTreeNode>? ReadObject(JsonTreeNode node, string[] allowed)
    {
        if (!Expect(node, JsonKind.Object, "an object"))
        {
            return null;
        }

        var fields = new Dictionary<string, JsonTreeNode>(StringComparer.Ordinal);
        foreach (var property in node.Properties!)
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                ReportAt(property.Value, property.NameOffset, $"Unknown property '{Shorten(property.Name)}'; expected one of: {string.Join(", ", allowed)}.");
            }
            else
            {
                fields[property.Name] = property.Value;
            }
        }

        return fields;
    }

    public string? RequiredText(JsonTreeNode owner, Dictionary<string, JsonTreeNode> fields, string property)
    {
        if (!fields.TryGetValue(property, out var node))
        {
            Report(owner, $"Missing required property '{property}'.");
            return null;
        }

        if (!Expect(node, JsonKind.String, "a string"))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(node.Text))
        {
            Report(node, $"'{property}' must not be empty.");
            return null;
        }

        return CheckTextLength(node) ? node.Text : null;
    }

    public string? OptionalText(Dictionary<string, JsonTreeNode> fields, string property) =>
        fields.TryGetValue(property, out var node) && Expect(node, JsonKind.String, "a string") && CheckTextLength(node) ? node.Text : null;

    public bool CheckTextLength(JsonTreeNode node)
    {
        if (node.Text!.Length <= PolicyLimits.MaxTextLength)
        {
            return true;
        }

        Report(node, TooLong("The text", PolicyLimits.MaxTextLength, nameof(PolicyLimits.MaxTextLength)));
        return false;
    }

    /// <summary>Checks the lexical form and length of a declared name.</summary>
    public bool CheckName(string name, JsonTreeNode node, int offset, string kind)
    {
        if (name.Length > PolicyLimits.MaxNameLength)
        {
            ReportAt(node, offset, TooLong($"The {kind} '{Shorten(name)}'", PolicyLimits.MaxNameLength, nameof(PolicyLimits.MaxNameLength)));
            return false;
        }

        if (!PolicyNames.IsValid(name))
        {
            ReportAt(node, offset, $"'{Shorten(name)}' is not a valid {kind}: use lower-case letters, digits and '-', in dot-separated segments.");
            return false;
        }

        return true;
    }

    public bool? OptionalBool(Dictionary<string, JsonTreeNode> fields, string property)
    {
        if (!fields.TryGetValue(property, out var node))
        {
            return null;
        }

        if (node.Kind is JsonKind.True or JsonKind.False)
        {
            return node.Kind == JsonKind.True;
        }

        Report(node, $"Expected true or false, found {node.Describe()}.");
        return null;
    }

    public bool Expect(JsonTreeNode node, JsonKind kind, string expected)
    {
        if (node.Kind == kind)
        {
            return true;
        }

        Report(node, $"Expected {expected}, found {node.Describe()}.");
        return false;
    }

    /// <summary>Reports a list longer than its limit once; its entries are not read.</summary>
    public bool WithinLimit(JsonTreeNode node, int count, int limit, string what, string limitName)
    {
        if (count <= limit)
        {
            return true;
        }

        Report(node, $"The list has {count} {what}; a policy may have at most {limit} ({nameof(PolicyLimits)}.{limitName}).");
        return false;
    }

    public static string TooLong(string what, int limit, string limitName) =>
        $"{what} is longer than {limit} characters, the most allowed ({nameof(PolicyLimits)}.{limitName}).";

    /// <summary>Quotes at most 60 characters of a name or value, so one problem stays one readable line.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    public void Report(JsonTreeNode node, string message) => ReportAt(node, node.Offset, message);

    public void ReportAt(JsonTreeNode node, int offset, string message)
    {
        if (!_problems.Accepting)
        {
            _problems.Skip();
            return;
        }

        var (line, column) = _text.Locate(offset);
        _problems.Add(new PolicyProblem(node.Path, line, column, message));
    }
}
