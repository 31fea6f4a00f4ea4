using Octopus.Privacy.Policies.Parsing;

namespace Octopus.Privacy.Policies.Validation;

/// <summary>
/// Checks a syntax tree against the policy language and builds its <see cref="PolicyDefinition"/>, with every rule's
/// selectors resolved to indices, or lists every problem. Linear in the size of the document: every membership test
/// is a hash lookup, and a list over its limit is reported once and not read further.
/// </summary>
internal sealed class PolicyValidator
{
    private static readonly string[] RootProperties =
        ["$schema", "name", "version", "description", "acceptedVersions", "categories", "purposes", "recipients", "rules"];

    private static readonly string[] CategoryProperties = ["personal", "secret", "description"];
    private static readonly string[] PurposeProperties = ["consent", "description"];
    private static readonly string[] RecipientProperties = ["description"];

    private static readonly string[] RuleProperties =
        ["id", "effect", "categories", "purposes", "recipients", "personal", "consent", "obligations", "clause", "description"];

    private readonly SourceText _text;
    private readonly ProblemList _problems;

    private PolicyValidator(SourceText text, ProblemList problems)
    {
        _text = text;
        _problems = problems;
    }

    /// <summary>Validates a document; returns its definition, or null with every problem in <paramref name="problems"/>.</summary>
    public static PolicyDefinition? Validate(SourceText text, JsonTreeNode root, ProblemList problems)
    {
        var definition = new PolicyValidator(text, problems).ReadRoot(root);
        return problems.Count == 0 ? definition : null;
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
        var categories = ReadVocabulary(root, properties, "categories", CategoryProperties, PolicyLimits.MaxCategories, ReadCategory);
        var purposes = ReadVocabulary(root, properties, "purposes", PurposeProperties, PolicyLimits.MaxPurposes, ReadPurpose);
        var recipients = ReadVocabulary(root, properties, "recipients", RecipientProperties, PolicyLimits.MaxRecipients, ReadRecipient);
        var (rules, resolved, obligations) = ReadRules(properties, categories, purposes, recipients);

        return name is null || version is null
            ? null
            : new PolicyDefinition(
                name,
                version,
                description,
                acceptedVersions.AsReadOnly(),
                categories.Entries.AsReadOnly(),
                purposes.Entries.AsReadOnly(),
                recipients.Entries.AsReadOnly(),
                rules.AsReadOnly(),
                resolved.AsReadOnly(),
                obligations.AsReadOnly());
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

        if (!Expect(node, JsonKind.Array, "a list of policy versions") || !WithinLimit(node, node.Items!.Count, PolicyLimits.MaxAcceptedVersions, "versions", nameof(PolicyLimits.MaxAcceptedVersions)))
        {
            return versions;
        }

        if (node.Items.Count == 0)
        {
            Report(node, "The list must not be empty; leave it out to accept the current version only.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items)
        {
            if (item.Kind != JsonKind.String || string.IsNullOrWhiteSpace(item.Text))
            {
                Report(item, $"Expected a policy version as a non-empty string, found {item.Describe()}.");
            }
            else if (item.Text.Length > PolicyLimits.MaxTextLength)
            {
                Report(item, TooLong("A version", PolicyLimits.MaxTextLength, nameof(PolicyLimits.MaxTextLength)));
            }
            else if (!seen.Add(item.Text))
            {
                Report(item, $"Version '{item.Text}' is listed twice.");
            }
            else
            {
                versions.Add(item.Text);
            }
        }

        if (version is not null && node.Items.Count > 0 && !seen.Contains(version))
        {
            Report(node, $"The list must include the current version '{version}', or nobody could accept this policy.");
        }

        return versions;
    }

    private Vocabulary<T> ReadVocabulary<T>(
        JsonTreeNode root,
        Dictionary<string, JsonTreeNode> properties,
        string property,
        string[] allowed,
        int limit,
        Func<string, JsonTreeNode, Dictionary<string, JsonTreeNode>, T?> read)
        where T : class
    {
        var vocabulary = new Vocabulary<T>();
        if (!properties.TryGetValue(property, out var node))
        {
            Report(root, $"Missing required property '{property}'.");
            return vocabulary;
        }

        if (!Expect(node, JsonKind.Object, $"an object of {property}, keyed by name"))
        {
            return vocabulary;
        }

        if (!WithinLimit(node, node.Properties!.Count, limit, property, LimitName(property)))
        {
            vocabulary.Complete = false;
            return vocabulary;
        }

        if (node.Properties.Count == 0)
        {
            Report(node, $"A policy must declare at least one entry in '{property}'.");
        }

        foreach (var entry in node.Properties)
        {
            if (!CheckName(entry.Name, entry.Value, entry.NameOffset, "name"))
            {
                continue;
            }

            var fields = ReadObject(entry.Value, allowed);
            if (fields is not null && read(entry.Name, entry.Value, fields) is { } value)
            {
                vocabulary.Index.Add(entry.Name, vocabulary.Entries.Count);
                vocabulary.Entries.Add(value);
            }
        }

        return vocabulary;
    }

    private PolicyCategory? ReadCategory(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields) =>
        new(name,
            OptionalBool(fields, "personal") ?? true,
            OptionalBool(fields, "secret") ?? false,
            OptionalText(fields, "description"));

    private PolicyPurpose? ReadPurpose(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields)
    {
        var description = OptionalText(fields, "description");
        if (!fields.TryGetValue("consent", out var consentNode))
        {
            Report(node, "Missing required property 'consent': one of 'none', 'opt-out', 'opt-in'.");
            return null;
        }

        var consent = ReadConsentMode(consentNode);
        return consent is null ? null : new PolicyPurpose(name, consent.Value, description);
    }

    private PolicyRecipient? ReadRecipient(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields) =>
        new(name, OptionalText(fields, "description"));

    private (List<PolicyRule> Rules, List<ResolvedRule> Resolved, List<string> Obligations) ReadRules(
        Dictionary<string, JsonTreeNode> properties,
        Vocabulary<PolicyCategory> categories,
        Vocabulary<PolicyPurpose> purposes,
        Vocabulary<PolicyRecipient> recipients)
    {
        var rules = new List<PolicyRule>();
        var resolved = new List<ResolvedRule>();
        var obligationIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var obligationNames = new List<string>();
        if (!properties.TryGetValue("rules", out var node)
            || !Expect(node, JsonKind.Array, "a list of rules")
            || !WithinLimit(node, node.Items!.Count, PolicyLimits.MaxRules, "rules", nameof(PolicyLimits.MaxRules)))
        {
            return (rules, resolved, obligationNames);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var hierarchy = new CategoryHierarchy(categories.Entries);
        foreach (var item in node.Items)
        {
            var fields = ReadObject(item, RuleProperties);
            if (fields is null)
            {
                continue;
            }

            var id = RequiredText(item, fields, "id");
            if (id is not null && !CheckName(id, fields["id"], fields["id"].Offset, "rule id"))
            {
                id = null;
            }
            else if (id is not null && !ids.Add(id))
            {
                Report(fields["id"], $"Duplicate rule id '{id}'.");
            }

            var effect = ReadEffect(item, fields);
            var categorySelector = ReadSelector(fields, "categories", "category", categories.Complete, name => hierarchy.Resolve(name).Count > 0);
            var purposeSelector = ReadSelector(fields, "purposes", "purpose", purposes.Complete, purposes.Index.ContainsKey);
            var recipientSelector = ReadSelector(fields, "recipients", "recipient", recipients.Complete, recipients.Index.ContainsKey);
            var personal = OptionalBool(fields, "personal");
            ConsentMode? consent = fields.TryGetValue("consent", out var consentNode) ? ReadConsentMode(consentNode) : null;
            var (obligations, obligationMask) = ReadObligations(fields, obligationIndex, obligationNames);
            var clause = OptionalText(fields, "clause");
            var description = OptionalText(fields, "description");
            if (effect == RuleEffect.Forbid && consentNode is not null)
            {
                Report(consentNode, "A forbid rule denies whatever the consent; 'consent' applies to permit rules only.");
            }

            if (effect == RuleEffect.Forbid && obligations.Count > 0)
            {
                Report(fields["obligations"], "A forbid rule permits nothing; 'obligations' apply to permit rules only.");
            }

            int[]? matchedCategories = null;
            if (categorySelector.Valid && categories.Complete)
            {
                matchedCategories = MatchCategories(categorySelector.Names, personal, categories.Entries, hierarchy);
                if (personal is { } onlyPersonal && categories.Entries.Count > 0 && matchedCategories.Length == 0)
                {
                    Report(fields["personal"], $"The rule matches no category: none of its categories is {(onlyPersonal ? "personal" : "non-personal")}.");
                }
            }

            if (id is null || effect is null || matchedCategories is null || !purposeSelector.Valid || !recipientSelector.Valid)
            {
                continue;
            }

            rules.Add(new PolicyRule(
                id,
                effect.Value,
                categorySelector.Names?.AsReadOnly(),
                purposeSelector.Names?.AsReadOnly(),
                recipientSelector.Names?.AsReadOnly(),
                personal,
                consent,
                obligations.AsReadOnly(),
                clause,
                description));
            resolved.Add(new ResolvedRule(
                matchedCategories,
                purposeSelector.Names?.Select(n => purposes.Index[n]).ToArray(),
                recipientSelector.Names?.Select(n => recipients.Index[n]).ToArray(),
                obligationMask));
        }

        return (rules, resolved, obligationNames);
    }

    /// <summary>The declared categories the selectors match and the personal filter keeps, each once, in declaration order.</summary>
    private static int[] MatchCategories(List<string>? selectors, bool? personal, List<PolicyCategory> categories, CategoryHierarchy hierarchy)
    {
        var matched = new bool[categories.Count];
        if (selectors is null)
        {
            Array.Fill(matched, true);
        }
        else
        {
            foreach (var selector in selectors)
            {
                foreach (var index in hierarchy.Resolve(selector))
                {
                    matched[index] = true;
                }
            }
        }

        var result = new List<int>();
        for (var i = 0; i < matched.Length; i++)
        {
            if (matched[i] && (personal is null || categories[i].IsPersonal == personal))
            {
                result.Add(i);
            }
        }

        return [.. result];
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
                Report(fields["effect"], $"Unknown effect '{Shorten(text)}'; expected 'permit' or 'forbid'.");
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
                Report(node, $"Unknown consent mode '{Shorten(node.Text!)}'; expected 'none', 'opt-out' or 'opt-in'.");
                return null;
        }
    }

    /// <summary>A selector: absent or <c>"*"</c> (every name, <c>Names</c> null) or a list of declared names, each once.</summary>
    private (bool Valid, List<string>? Names) ReadSelector(
        Dictionary<string, JsonTreeNode> fields, string property, string kind, bool vocabularyComplete, Func<string, bool> isDeclared)
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

        if (!WithinLimit(node, node.Items!.Count, PolicyLimits.MaxSelectorEntries, $"{kind} names", nameof(PolicyLimits.MaxSelectorEntries)))
        {
            return (false, null);
        }

        if (node.Items.Count == 0)
        {
            Report(node, $"The {kind} list is empty, so the rule would match nothing; leave '{property}' out, or use \"*\", to match every {kind}.");
            return (false, null);
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
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
                Report(item, $"'{Shorten(item.Text!)}' is not a valid {kind} name.");
                valid = false;
            }
            else if (!vocabularyComplete)
            {
                valid = false;
            }
            else if (!isDeclared(item.Text!))
            {
                Report(item, $"'{Shorten(item.Text!)}' names no declared {kind}.");
                valid = false;
            }
            else if (seen.Add(item.Text!))
            {
                names.Add(item.Text!);
            }
        }

        return (valid, wildcard ? null : names);
    }

    private (List<string> Names, ulong Mask) ReadObligations(Dictionary<string, JsonTreeNode> fields, Dictionary<string, int> policyObligations, List<string> obligationNames)
    {
        var obligations = new List<string>();
        var mask = 0UL;
        if (!fields.TryGetValue("obligations", out var node)
            || !Expect(node, JsonKind.Array, "a list of obligation names")
            || !WithinLimit(node, node.Items!.Count, PolicyLimits.MaxSelectorEntries, "obligations", nameof(PolicyLimits.MaxSelectorEntries)))
        {
            return (obligations, mask);
        }

        foreach (var item in node.Items)
        {
            if (item.Kind != JsonKind.String || !PolicyNames.IsValid(item.Text))
            {
                Report(item, $"Expected an obligation name (lower-case letters, digits, '-' and '.'), found {(item.Kind == JsonKind.String ? $"'{Shorten(item.Text!)}'" : item.Describe())}.");
                continue;
            }

            if (!CheckName(item.Text!, item, item.Offset, "obligation name"))
            {
                continue;
            }

            if (!policyObligations.TryGetValue(item.Text!, out var index))
            {
                if (policyObligations.Count >= PolicyLimits.MaxObligations)
                {
                    Report(item, $"A policy may use at most {PolicyLimits.MaxObligations} distinct obligation names ({nameof(PolicyLimits)}.{nameof(PolicyLimits.MaxObligations)}).");
                    continue;
                }

                index = policyObligations.Count;
                policyObligations.Add(item.Text!, index);
                obligationNames.Add(item.Text!);
            }

            var bit = 1UL << index;
            if ((mask & bit) == 0)
            {
                mask |= bit;
                obligations.Add(item.Text!);
            }
        }

        return (obligations, mask);
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
                ReportAt(property.Value, property.NameOffset, $"Unknown property '{Shorten(property.Name)}'; expected one of: {string.Join(", ", allowed)}.");
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

        return CheckTextLength(node) ? node.Text : null;
    }

    private string? OptionalText(Dictionary<string, JsonTreeNode> fields, string property) =>
        fields.TryGetValue(property, out var node) && Expect(node, JsonKind.String, "a string") && CheckTextLength(node) ? node.Text : null;

    private bool CheckTextLength(JsonTreeNode node)
    {
        if (node.Text!.Length <= PolicyLimits.MaxTextLength)
        {
            return true;
        }

        Report(node, TooLong("The text", PolicyLimits.MaxTextLength, nameof(PolicyLimits.MaxTextLength)));
        return false;
    }

    /// <summary>Checks the lexical form and length of a declared name.</summary>
    private bool CheckName(string name, JsonTreeNode node, int offset, string kind)
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

    /// <summary>Reports a list longer than its limit once; its entries are not read.</summary>
    private bool WithinLimit(JsonTreeNode node, int count, int limit, string what, string limitName)
    {
        if (count <= limit)
        {
            return true;
        }

        Report(node, $"The list has {count} {what}; a policy may have at most {limit} ({nameof(PolicyLimits)}.{limitName}).");
        return false;
    }

    private static string LimitName(string property) => property switch
    {
        "categories" => nameof(PolicyLimits.MaxCategories),
        "purposes" => nameof(PolicyLimits.MaxPurposes),
        _ => nameof(PolicyLimits.MaxRecipients),
    };

    private static string TooLong(string what, int limit, string limitName) =>
        $"{what} is longer than {limit} characters, the most allowed ({nameof(PolicyLimits)}.{limitName}).";

    /// <summary>Quotes at most 60 characters of a name or value, so one problem stays one readable line.</summary>
    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private void Report(JsonTreeNode node, string message) => ReportAt(node, node.Offset, message);

    private void ReportAt(JsonTreeNode node, int offset, string message)
    {
        if (!_problems.Accepting)
        {
            _problems.Skip();
            return;
        }

        var (line, column) = _text.Locate(offset);
        _problems.Add(new PolicyProblem(node.Path, line, column, message));
    }

    /// <summary>The entries of one vocabulary section in declaration order, with their indices by name.</summary>
    private sealed class Vocabulary<T>
    {
        public List<T> Entries { get; } = [];

        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets or sets a value indicating whether the section was read; false when it was over its limit.</summary>
        public bool Complete { get; set; } = true;
    }
}
