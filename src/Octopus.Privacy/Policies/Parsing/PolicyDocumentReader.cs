using System.Text;

namespace Octopus.Privacy.Policies.Parsing;

/// <summary>
/// Validates a policy document and builds its <see cref="PolicyDefinition"/>, collecting every problem
/// rather than stopping at the first.
/// </summary>
internal sealed class PolicyDocumentReader
{
    /// <summary>How many distinct obligation names one policy may use.</summary>
    public const int MaxObligations = 64;

    private static readonly string[] RootProperties =
        ["$schema", "name", "version", "description", "acceptedVersions", "categories", "purposes", "recipients", "rules"];

    private static readonly string[] CategoryProperties = ["personal", "secret", "description"];
    private static readonly string[] PurposeProperties = ["consent", "description"];
    private static readonly string[] RecipientProperties = ["description"];

    private static readonly string[] RuleProperties =
        ["id", "effect", "categories", "purposes", "recipients", "personal", "consent", "obligations", "clause", "description"];

    private readonly LineMap _lines;
    private readonly List<PolicyProblem> _problems;

    private PolicyDocumentReader(LineMap lines, List<PolicyProblem> problems)
    {
        _lines = lines;
        _problems = problems;
    }

    /// <summary>Reads and validates a document; throws <see cref="PolicyValidationException"/> listing every problem.</summary>
    public static PolicyDefinition Read(string json, string? source)
    {
        Throw.IfNull(json);
        var utf8 = Encoding.UTF8.GetBytes(json);
        if (utf8.AsSpan().StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var lines = new LineMap(utf8);
        var problems = new List<PolicyProblem>();
        var root = JsonTree.Read(utf8, lines, problems);
        PolicyDefinition? definition = null;
        if (root is not null)
        {
            definition = new PolicyDocumentReader(lines, problems).ReadRoot(root);
        }

        if (problems.Count > 0 || definition is null)
        {
            problems.Sort(static (a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
            throw new PolicyValidationException(problems, source);
        }

        return definition;
    }

    private PolicyDefinition? ReadRoot(JsonTreeNode root)
    {
        var properties = ReadObject(root, RootProperties);
        if (properties is null)
        {
            return null;
        }

        var name = RequiredText(root, properties, "name");
        var version = RequiredText(root, properties, "version");
        var description = OptionalText(properties, "description");
        var acceptedVersions = ReadAcceptedVersions(properties, version);
        var categories = ReadVocabulary(root, properties, "categories", CategoryProperties, ReadCategory);
        var purposes = ReadVocabulary(root, properties, "purposes", PurposeProperties, ReadPurpose);
        var recipients = ReadVocabulary(root, properties, "recipients", RecipientProperties, ReadRecipient);
        var rules = ReadRules(properties, categories, purposes, recipients);

        return name is null || version is null
            ? null
            : new PolicyDefinition(name, version, description, acceptedVersions, categories, purposes, recipients, rules);
    }

    private List<string> ReadAcceptedVersions(Dictionary<string, JsonTreeNode> properties, string? version)
    {
        var versions = new List<string>();
        if (!properties.TryGetValue("acceptedVersions", out var node))
        {
            if (version is not null)
            {
                versions.Add(version);
            }

            return versions;
        }

        if (!Expect(node, JsonKind.Array, "a list of policy versions"))
        {
            return versions;
        }

        if (node.Items!.Count == 0)
        {
            Report(node, "The list must not be empty; leave it out to accept the current version only.");
        }

        foreach (var item in node.Items)
        {
            if (item.Kind != JsonKind.String || string.IsNullOrWhiteSpace(item.Text))
            {
                Report(item, $"Expected a policy version as a non-empty string, found {item.Describe()}.");
            }
            else if (versions.Contains(item.Text, StringComparer.Ordinal))
            {
                Report(item, $"Version '{item.Text}' is listed twice.");
            }
            else
            {
                versions.Add(item.Text);
            }
        }

        if (version is not null && node.Items.Count > 0 && !versions.Contains(version, StringComparer.Ordinal))
        {
            Report(node, $"The list must include the current version '{version}', or nobody could accept this policy.");
        }

        return versions;
    }

    private List<T> ReadVocabulary<T>(
        JsonTreeNode root,
        Dictionary<string, JsonTreeNode> properties,
        string property,
        string[] allowed,
        Func<string, JsonTreeNode, Dictionary<string, JsonTreeNode>, T?> read)
        where T : class
    {
        var entries = new List<T>();
        if (!properties.TryGetValue(property, out var node))
        {
            Report(root, $"Missing required property '{property}'.");
            return entries;
        }

        if (!Expect(node, JsonKind.Object, $"an object of {property}, keyed by name"))
        {
            return entries;
        }

        if (node.Properties!.Count == 0)
        {
            Report(node, $"A policy must declare at least one entry in '{property}'.");
        }

        foreach (var entry in node.Properties)
        {
            if (!PolicyNames.IsValid(entry.Name))
            {
                ReportAt(entry.Value.Path, entry.NameOffset, $"'{entry.Name}' is not a valid name: use lower-case letters, digits and '-', in dot-separated segments.");
                continue;
            }

            var fields = ReadObject(entry.Value, allowed);
            if (fields is not null && read(entry.Name, entry.Value, fields) is { } value)
            {
                entries.Add(value);
            }
        }

        return entries;
    }

    private PolicyCategory? ReadCategory(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields) =>
        new(name,
            OptionalBool(fields, "personal") ?? true,
            OptionalBool(fields, "secret") ?? false,
            OptionalText(fields, "description"));

    private PolicyPurpose? ReadPurpose(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields)
    {
        if (!fields.TryGetValue("consent", out var consentNode))
        {
            Report(node, "Missing required property 'consent': one of 'none', 'opt-out', 'opt-in'.");
            return null;
        }

        var consent = ReadConsentMode(consentNode);
        return consent is null ? null : new PolicyPurpose(name, consent.Value, OptionalText(fields, "description"));
    }

    private PolicyRecipient? ReadRecipient(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields) =>
        new(name, OptionalText(fields, "description"));

    private List<PolicyRule> ReadRules(
        Dictionary<string, JsonTreeNode> properties,
        List<PolicyCategory> categories,
        List<PolicyPurpose> purposes,
        List<PolicyRecipient> recipients)
    {
        var rules = new List<PolicyRule>();
        if (!properties.TryGetValue("rules", out var node) || !Expect(node, JsonKind.Array, "a list of rules"))
        {
            return rules;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var obligationNames = new HashSet<string>(StringComparer.Ordinal);
        var selectors = new CategorySelectors(categories);
        var purposeNames = purposes.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var recipientNames = recipients.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var item in node.Items!)
        {
            var fields = ReadObject(item, RuleProperties);
            if (fields is null)
            {
                continue;
            }

            var id = RequiredText(item, fields, "id");
            if (id is not null && !PolicyNames.IsValid(id))
            {
                Report(fields["id"], $"'{id}' is not a valid rule id: use lower-case letters, digits and '-', in dot-separated segments.");
            }
            else if (id is not null && !ids.Add(id))
            {
                Report(fields["id"], $"Duplicate rule id '{id}'.");
            }

            var effect = ReadEffect(item, fields);
            var categorySelectors = ReadSelector(fields, "categories", name => selectors.Resolve(name).Length > 0, "category");
            var purposeSelectors = ReadSelector(fields, "purposes", purposeNames.Contains, "purpose");
            var recipientSelectors = ReadSelector(fields, "recipients", recipientNames.Contains, "recipient");
            var personal = OptionalBool(fields, "personal");
            ConsentMode? consent = fields.TryGetValue("consent", out var consentNode) ? ReadConsentMode(consentNode) : null;
            var obligations = ReadObligations(fields, obligationNames);
            if (effect == RuleEffect.Forbid && consentNode is not null)
            {
                Report(consentNode, "A forbid rule denies whatever the consent; 'consent' applies to permit rules only.");
            }

            if (effect == RuleEffect.Forbid && obligations.Count > 0)
            {
                Report(fields["obligations"], "A forbid rule permits nothing; 'obligations' apply to permit rules only.");
            }

            if (personal is { } onlyPersonal && categorySelectors.Valid && categories.Count > 0
                && !AnyCategoryIs(onlyPersonal, categorySelectors.Names, categories, selectors))
            {
                Report(fields["personal"], $"The rule matches no category: none of its categories is {(onlyPersonal ? "personal" : "non-personal")}.");
            }

            if (id is null || effect is null || !categorySelectors.Valid || !purposeSelectors.Valid || !recipientSelectors.Valid)
            {
                continue;
            }

            rules.Add(new PolicyRule(
                id,
                effect.Value,
                categorySelectors.Names,
                purposeSelectors.Names,
                recipientSelectors.Names,
                personal,
                consent,
                obligations,
                OptionalText(fields, "clause"),
                OptionalText(fields, "description")));
        }

        return rules;
    }

    private static bool AnyCategoryIs(bool personal, IReadOnlyList<string>? names, List<PolicyCategory> categories, CategorySelectors selectors)
    {
        if (names is null)
        {
            return categories.Exists(c => c.IsPersonal == personal);
        }

        foreach (var name in names)
        {
            foreach (var index in selectors.Resolve(name))
            {
                if (categories[index].IsPersonal == personal)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private RuleEffect? ReadEffect(JsonTreeNode rule, Dictionary<string, JsonTreeNode> fields)
    {
        var text = RequiredText(rule, fields, "effect");
        switch (text)
        {
            case null:
                return null;
            case "permit":
                return RuleEffect.Permit;
            case "forbid":
                return RuleEffect.Forbid;
            default:
                Report(fields["effect"], $"Unknown effect '{text}'; expected 'permit' or 'forbid'.");
                return null;
        }
    }

    private ConsentMode? ReadConsentMode(JsonTreeNode node)
    {
        if (!Expect(node, JsonKind.String, "a consent mode"))
        {
            return null;
        }

        switch (node.Text)
        {
            case "none":
                return ConsentMode.None;
            case "opt-out":
                return ConsentMode.OptOut;
            case "opt-in":
                return ConsentMode.OptIn;
            default:
                Report(node, $"Unknown consent mode '{node.Text}'; expected 'none', 'opt-out' or 'opt-in'.");
                return null;
        }
    }

    private (bool Valid, IReadOnlyList<string>? Names) ReadSelector(
        Dictionary<string, JsonTreeNode> fields, string property, Func<string, bool> isDeclared, string kind)
    {
        if (!fields.TryGetValue(property, out var node))
        {
            return (true, null);
        }

        if (node.Kind == JsonKind.String && node.Text == PolicyNames.Wildcard)
        {
            return (true, null);
        }

        if (node.Kind != JsonKind.Array)
        {
            Report(node, $"Expected \"*\" or a list of {kind} names, found {node.Describe()}.");
            return (false, null);
        }

        if (node.Items!.Count == 0)
        {
            Report(node, $"The {kind} list is empty, so the rule would match nothing; leave '{property}' out, or use \"*\", to match every {kind}.");
            return (false, null);
        }

        var names = new List<string>();
        var valid = true;
        var wildcard = false;
        foreach (var item in node.Items)
        {
            if (item.Kind != JsonKind.String)
            {
                Report(item, $"Expected a {kind} name, found {item.Describe()}.");
                valid = false;
            }
            else if (item.Text == PolicyNames.Wildcard)
            {
                wildcard = true;
                if (node.Items.Count > 1)
                {
                    Report(item, "\"*\" matches everything and must stand alone.");
                    valid = false;
                }
            }
            else if (!PolicyNames.IsValid(item.Text))
            {
                Report(item, $"'{item.Text}' is not a valid {kind} name.");
                valid = false;
            }
            else if (!isDeclared(item.Text!))
            {
                Report(item, $"'{item.Text}' names no declared {kind}.");
                valid = false;
            }
            else if (!names.Contains(item.Text!, StringComparer.Ordinal))
            {
                names.Add(item.Text!);
            }
        }

        return (valid, wildcard ? null : names);
    }

    private List<string> ReadObligations(Dictionary<string, JsonTreeNode> fields, HashSet<string> policyObligations)
    {
        var obligations = new List<string>();
        if (!fields.TryGetValue("obligations", out var node) || !Expect(node, JsonKind.Array, "a list of obligation names"))
        {
            return obligations;
        }

        foreach (var item in node.Items!)
        {
            if (item.Kind != JsonKind.String || !PolicyNames.IsValid(item.Text))
            {
                Report(item, $"Expected an obligation name (lower-case letters, digits, '-' and '.'), found {(item.Kind == JsonKind.String ? $"'{item.Text}'" : item.Describe())}.");
            }
            else if (!obligations.Contains(item.Text!, StringComparer.Ordinal))
            {
                if (policyObligations.Add(item.Text!) && policyObligations.Count > MaxObligations)
                {
                    Report(item, $"A policy may use at most {MaxObligations} distinct obligation names.");
                }

                obligations.Add(item.Text!);
            }
        }

        return obligations;
    }

    private Dictionary<string, JsonTreeNode>? ReadObject(JsonTreeNode node, string[] allowed)
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
                ReportAt(property.Value.Path, property.NameOffset, $"Unknown property '{property.Name}'; expected one of: {string.Join(", ", allowed)}.");
            }
            else
            {
                fields[property.Name] = property.Value;
            }
        }

        return fields;
    }

    private string? RequiredText(JsonTreeNode owner, Dictionary<string, JsonTreeNode> fields, string property)
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

        return node.Text;
    }

    private string? OptionalText(Dictionary<string, JsonTreeNode> fields, string property) =>
        fields.TryGetValue(property, out var node) && Expect(node, JsonKind.String, "a string") ? node.Text : null;

    private bool? OptionalBool(Dictionary<string, JsonTreeNode> fields, string property)
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

    private bool Expect(JsonTreeNode node, JsonKind kind, string expected)
    {
        if (node.Kind == kind)
        {
            return true;
        }

        Report(node, $"Expected {expected}, found {node.Describe()}.");
        return false;
    }

    private void Report(JsonTreeNode node, string message) => ReportAt(node.Path, node.Offset, message);

    private void ReportAt(string path, int offset, string message)
    {
        var (line, column) = _lines.Locate(offset);
        _problems.Add(new PolicyProblem(path, line, column, message));
    }
}
