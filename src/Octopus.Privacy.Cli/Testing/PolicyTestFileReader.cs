using System.Text.Json;
using Octopus.Privacy.Cli.Input;
using Octopus.Privacy.Cli.Output;

namespace Octopus.Privacy.Cli.Testing;

/// <summary>
/// Reads a policy test file, checking every field by hand so that a mistake is reported in the file's own terms
/// (<c>case 3: 'purpose' must be a string, found a number</c>), never as a .NET type or parameter name.
/// </summary>
internal static class PolicyTestFileReader
{
    private static readonly string[] FileProperties = ["$schema", "policy", "cases"];
    private static readonly string[] CaseProperties = ["name", "categories", "purpose", "recipient", "consent", "expect", "reason", "obligations", "rule"];
    private static readonly string[] ConsentProperties = ["accepted", "granted", "withdrawn"];
    private static readonly string[] ReasonNames = Enum.GetNames<DecisionReason>();

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    /// <exception cref="CliException">The file is missing, unreadable or not a valid test file.</exception>
    public static PolicyTestFile Read(string path)
    {
        using (var document = CliFiles.ReadJson(path, "test file", CliFiles.MaxInputBytes, Options, "malformed test file"))
        {
            var root = document.RootElement;
            var where = new Where(path, null);
            CheckObject(root, where, "the test file", FileProperties);
            var policy = OptionalString(root, "policy", where);
            if (!root.TryGetProperty("cases", out var cases))
            {
                throw where.Error("the test file has no 'cases'.");
            }

            if (cases.ValueKind != JsonValueKind.Array)
            {
                throw where.Error($"'cases' must be a list of test cases, found {Describe(cases)}.");
            }

            if (cases.GetArrayLength() == 0)
            {
                throw where.Error("'cases' is empty: a test file with no cases proves nothing; add at least one.");
            }

            var list = new List<PolicyTestCase>();
            foreach (var item in cases.EnumerateArray())
            {
                list.Add(ReadCase(item, new Where(path, list.Count + 1)));
            }

            return new PolicyTestFile(policy, list);
        }
    }

    private static PolicyTestCase ReadCase(JsonElement item, Where where)
    {
        CheckObject(item, where, "a test case", CaseProperties);
        var name = OptionalString(item, "name", where);
        where = where with { Name = name };
        var categories = OptionalNames(item, "categories", where, "category names");
        if (categories is not { Count: > 0 })
        {
            throw where.Error("needs 'categories': a list of at least one category name.");
        }

        var purpose = OptionalString(item, "purpose", where) ?? throw where.Error("needs 'purpose': a purpose name.");
        var recipient = OptionalString(item, "recipient", where) ?? throw where.Error("needs 'recipient': a recipient name.");
        var expect = OptionalString(item, "expect", where);
        if (expect is not ("permit" or "deny"))
        {
            throw where.Error("needs 'expect': \"permit\" or \"deny\".");
        }

        DecisionReason? reason = null;
        if (OptionalString(item, "reason", where) is { } reasonText)
        {
            if (Array.IndexOf(ReasonNames, reasonText) < 0)
            {
                throw where.Error($"unknown reason '{reasonText}'; expected one of: {string.Join(", ", ReasonNames)}.");
            }

            reason = Enum.Parse<DecisionReason>(reasonText);
        }

        return new PolicyTestCase(
            name ?? $"case {where.Case}",
            categories,
            purpose,
            recipient,
            ReadConsent(item, where),
            expect == "permit",
            reason,
            OptionalNames(item, "obligations", where, "obligation names", allowEmpty: true),
            OptionalString(item, "rule", where));
    }

    private static TestConsent ReadConsent(JsonElement item, Where where)
    {
        if (!item.TryGetProperty("consent", out var consent) || consent.ValueKind == JsonValueKind.Null)
        {
            return TestConsent.Nothing;
        }

        CheckObject(consent, where, "'consent'", ConsentProperties);
        return new TestConsent(
            OptionalString(consent, "accepted", where, "consent.accepted"),
            OptionalNames(consent, "granted", where, "purpose names", allowEmpty: true, label: "consent.granted") ?? [],
            OptionalNames(consent, "withdrawn", where, "purpose names", allowEmpty: true, label: "consent.withdrawn") ?? []);
    }

    private static void CheckObject(JsonElement element, Where where, string what, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw where.Error($"{what} must be an object, found {Describe(element)}.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw where.Error($"unknown property '{property.Name}' in {what}; expected one of: {string.Join(", ", allowed)}.");
            }
        }
    }

    /// <summary>A non-blank string, or null when the property is absent.</summary>
    private static string? OptionalString(JsonElement owner, string property, Where where, string? label = null)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw where.Error($"'{label ?? property}' must be a non-empty string, found {Describe(value)}.");
        }

        return value.GetString();
    }

    /// <summary>A list of non-blank strings, or null when the property is absent.</summary>
    private static List<string>? OptionalNames(JsonElement owner, string property, Where where, string what, bool allowEmpty = false, string? label = null)
    {
        if (!owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var names = new List<string>();
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                {
                    throw where.Error($"'{label ?? property}' must be a list of {what}, and one entry is {Describe(item)}.");
                }

                names.Add(item.GetString()!);
            }

            if (names.Count > 0 || allowEmpty)
            {
                return names;
            }
        }

        throw where.Error($"'{label ?? property}' must be a list of {what}, found {Describe(value)}.");
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => element.GetArrayLength() == 0 ? "an empty list" : "a list",
        JsonValueKind.String => string.IsNullOrWhiteSpace(element.GetString()) ? "an empty string" : "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Where in the test file a mistake is: the file, and the 1-based case with its name.</summary>
    private readonly record struct Where(string Path, int? Case, string? Name = null)
    {
        public CliException Error(string message) => new(Case is null
            ? $"{CliText.Printable(Path)}: {CliText.Printable(message)}"
            : $"{CliText.Printable(Path)}: case {Case}{(Name is null ? string.Empty : $" ('{CliText.Printable(Name)}')")}: {CliText.Printable(message)}");
    }
}
