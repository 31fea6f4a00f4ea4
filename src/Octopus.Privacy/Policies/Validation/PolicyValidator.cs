using Octopus.Privacy.Policies.Parsing;

namespace Octopus.Privacy.Policies.Validation;

/// <summary>
/// Checks a syntax tree against the policy language and builds its <see cref="PolicyDefinition"/>, or lists every
/// problem: the document's structure here, the reading and reporting of fields in <see cref="PolicyFieldReader"/>, the
/// resolution of a rule's names to indices in <see cref="RuleResolver"/>. Linear in the size of the document: every membership test
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

    private readonly PolicyFieldReader _read;

    private PolicyValidator(SourceText text, ProblemList problems)
    {
        _read = new PolicyFieldReader(text, problems);
    }

    /// <summary>Validates a document; returns its definition, or null with every problem in <paramref name="problems"/>.</summary>
    public static PolicyDefinition? Validate(SourceText text, JsonTreeNode root, ProblemList problems)
    {
        var definition = new PolicyValidator(text, problems).ReadRoot(root);
        return problems.Count == 0 ? definition : null;
    }

    private PolicyDefinition? ReadRoot(JsonTreeNode root)
    {
        var properties = _read.ReadObject(root, RootProperties);
        if (properties is null)
        {
            return null;
        }

        var name = _read.RequiredText(root, properties, "name");
        var version = _read.RequiredText(root, properties, "version");
        var description = _read.OptionalText(properties, "description");
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

        if (!_read.Expect(node, JsonKind.Array, "a list of policy versions") || !_read.WithinLimit(node, node.Items!.Count, PolicyLimits.MaxAcceptedVersions, "versions", nameof(PolicyLimits.MaxAcceptedVersions)))
        {
            return versions;
        }

        if (node.Items.Count == 0)
        {
            _read.Report(node, "The list must not be empty; leave it out to accept the current version only.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items)
        {
            if (item.Kind != JsonKind.String || string.IsNullOrWhiteSpace(item.Text))
            {
                _read.Report(item, $"Expected a policy version as a non-empty string, found {item.Describe()}.");
            }
            else if (item.Text.Length > PolicyLimits.MaxTextLength)
            {
                _read.Report(item, PolicyFieldReader.TooLong("A version", PolicyLimits.MaxTextLength, nameof(PolicyLimits.MaxTextLength)));
            }
            else if (!seen.Add(item.Text))
            {
                _read.Report(item, $"Version '{item.Text}' is listed twice.");
            }
            else
            {
                versions.Add(item.Text);
            }
        }

        if (version is not null && node.Items.Count > 0 && !seen.Contains(version))
        {
            _read.Report(node, $"The list must include the current version '{version}', or nobody could accept this policy.");
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
            _read.Report(root, $"Missing required property '{property}'.");
            return vocabulary;
        }

        if (!_read.Expect(node, JsonKind.Object, $"an object of {property}, keyed by name"))
        {
            return vocabulary;
        }

        if (!_read.WithinLimit(node, node.Properties!.Count, limit, property, LimitName(property)))
        {
            vocabulary.Complete = false;
            return vocabulary;
        }

        if (node.Properties.Count == 0)
        {
            _read.Report(node, $"A policy must declare at least one entry in '{property}'.");
        }

        foreach (var entry in node.Properties)
        {
            if (!_read.CheckName(entry.Name, entry.Value, entry.NameOffset, "name"))
            {
                continue;
            }

            var fields = _read.ReadObject(entry.Value, allowed);
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
            _read.OptionalBool(fields, "personal") ?? true,
            _read.OptionalBool(fields, "secret") ?? false,
            _read.OptionalText(fields, "description"));

    private PolicyPurpose? ReadPurpose(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields)
    {
        var description = _read.OptionalText(fields, "description");
        if (!fields.TryGetValue("consent", out var consentNode))
        {
            _read.Report(node, "Missing required property 'consent': one of 'none', 'opt-out', 'opt-in'.");
            return null;
        }

        var consent = ReadConsentMode(consentNode);
        return consent is null ? null : new PolicyPurpose(name, consent.Value, description);
    }

    private PolicyRecipient? ReadRecipient(string name, JsonTreeNode node, Dictionary<string, JsonTreeNode> fields) =>
        new(name, _read.OptionalText(fields, "description"));

    private (List<PolicyRule> Rules, List<ResolvedRule> Resolved, List<string> Obligations) ReadRules(
        Dictionary<string, JsonTreeNode> properties,
        Vocabulary<PolicyCategory> categories,
        Vocabulary<PolicyPurpose> purposes,
        Vocabulary<PolicyRecipient> recipients)
    {
        var rules = new List<PolicyRule>();
        var resolved = new List<ResolvedRule>();
        var resolver = new RuleResolver(categories.Entries, purposes.Index, recipients.Index);
        if (!properties.TryGetValue("rules", out var node)
            || !_read.Expect(node, JsonKind.Array, "a list of rules")
            || !_read.WithinLimit(node, node.Items!.Count, PolicyLimits.MaxRules, "rules", nameof(PolicyLimits.MaxRules)))
        {
            return (rules, resolved, resolver.ObligationNames);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items)
        {
            var fields = _read.ReadObject(item, RuleProperties);
            if (fields is null)
            {
                continue;
            }

            var id = _read.RequiredText(item, fields, "id");
            if (id is not null && !_read.CheckName(id, fields["id"], fields["id"].Offset, "rule id"))
            {
                id = null;
            }
            else if (id is not null && !ids.Add(id))
            {
                _read.Report(fields["id"], $"Duplicate rule id '{id}'.");
            }

            var effect = ReadEffect(item, fields);
            var categorySelector = ReadSelector(fields, "categories", "category", categories.Complete, resolver.IsCategory);
            var purposeSelector = ReadSelector(fields, "purposes", "purpose", purposes.Complete, resolver.IsPurpose);
            var recipientSelector = ReadSelector(fields, "recipients", "recipient", recipients.Complete, resolver.IsRecipient);
            var personal = _read.OptionalBool(fields, "personal");
            ConsentMode? consent = fields.TryGetValue("consent", out var consentNode) ? ReadConsentMode(consentNode) : null;
            var (obligations, obligationMask) = ReadObligations(fields, resolver);
            var clause = _read.OptionalText(fields, "clause");
            var description = _read.OptionalText(fields, "description");
            if (effect == RuleEffect.Forbid && consentNode is not null)
            {
                _read.Report(consentNode, "A forbid rule denies whatever the consent; 'consent' applies to permit rules only.");
            }

            if (effect == RuleEffect.Forbid && obligations.Count > 0)
            {
                _read.Report(fields["obligations"], "A forbid rule permits nothing; 'obligations' apply to permit rules only.");
            }

            int[]? matchedCategories = null;
            if (categorySelector.Valid && categories.Complete)
            {
                matchedCategories = resolver.MatchCategories(categorySelector.Names, personal);
                if (personal is { } onlyPersonal && categories.Entries.Count > 0 && matchedCategories.Length == 0)
                {
                    _read.Report(fields["personal"], $"The rule matches no category: none of its categories is {(onlyPersonal ? "personal" : "non-personal")}.");
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
            resolved.Add(resolver.Resolve(matchedCategories, purposeSelector.Names, recipientSelector.Names, obligationMask));
        }

        return (rules, resolved, resolver.ObligationNames);
    }

    private RuleEffect? ReadEffect(JsonTreeNode rule, Dictionary<string, JsonTreeNode> fields)
    {
        var text = _read.RequiredText(rule, fields, "effect");
        switch (text)
        {
            case null:
                return null;
            case "permit":
                return RuleEffect.Permit;
            case "forbid":
                return RuleEffect.Forbid;
            default:
                _read.Report(fields["effect"], $"Unknown effect '{PolicyFieldReader.Shorten(text)}'; expected 'permit' or 'forbid'.");
                return null;
        }
    }

    private ConsentMode? ReadConsentMode(JsonTreeNode node)
    {
        if (!_read.Expect(node, JsonKind.String, "a consent mode"))
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
                _read.Report(node, $"Unknown consent mode '{PolicyFieldReader.Shorten(node.Text!)}'; expected 'none', 'opt-out' or 'opt-in'.");
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
            _read.Report(node, $"Expected \"*\" or a list of {kind} names, found {node.Describe()}.");
            return (false, null);
        }

        if (!_read.WithinLimit(node, node.Items!.Count, PolicyLimits.MaxSelectorEntries, $"{kind} names", nameof(PolicyLimits.MaxSelectorEntries)))
        {
            return (false, null);
        }

        if (node.Items.Count == 0)
        {
            _read.Report(node, $"The {kind} list is empty, so the rule would match nothing; leave '{property}' out, or use \"*\", to match every {kind}.");
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
                _read.Report(item, $"Expected a {kind} name, found {item.Describe()}.");
                valid = false;
            }
            else if (item.Text == PolicyNames.Wildcard)
            {
                wildcard = true;
                if (node.Items.Count > 1)
                {
                    _read.Report(item, "\"*\" matches everything and must stand alone.");
                    valid = false;
                }
            }
            else if (!PolicyNames.IsValid(item.Text))
            {
                _read.Report(item, $"'{PolicyFieldReader.Shorten(item.Text!)}' is not a valid {kind} name.");
                valid = false;
            }
            else if (!vocabularyComplete)
            {
                valid = false;
            }
            else if (!isDeclared(item.Text!))
            {
                _read.Report(item, $"'{PolicyFieldReader.Shorten(item.Text!)}' names no declared {kind}.");
                valid = false;
            }
            else if (seen.Add(item.Text!))
            {
                names.Add(item.Text!);
            }
        }

        return (valid, wildcard ? null : names);
    }

    private (List<string> Names, ulong Mask) ReadObligations(Dictionary<string, JsonTreeNode> fields, RuleResolver resolver)
    {
        var obligations = new List<string>();
        var mask = 0UL;
        if (!fields.TryGetValue("obligations", out var node)
            || !_read.Expect(node, JsonKind.Array, "a list of obligation names")
            || !_read.WithinLimit(node, node.Items!.Count, PolicyLimits.MaxSelectorEntries, "obligations", nameof(PolicyLimits.MaxSelectorEntries)))
        {
            return (obligations, mask);
        }

        foreach (var item in node.Items)
        {
            if (item.Kind != JsonKind.String || !PolicyNames.IsValid(item.Text))
            {
                _read.Report(item, $"Expected an obligation name (lower-case letters, digits, '-' and '.'), found {(item.Kind == JsonKind.String ? $"'{PolicyFieldReader.Shorten(item.Text!)}'" : item.Describe())}.");
                continue;
            }

            if (!_read.CheckName(item.Text!, item, item.Offset, "obligation name"))
            {
                continue;
            }

            if (!resolver.TryObligation(item.Text!, out var bit))
            {
                _read.Report(item, $"A policy may use at most {PolicyLimits.MaxObligations} distinct obligation names ({nameof(PolicyLimits)}.{nameof(PolicyLimits.MaxObligations)}).");
                continue;
            }

            if ((mask & bit) == 0)
            {
                mask |= bit;
                obligations.Add(item.Text!);
            }
        }

        return (obligations, mask);
    }

    private static string LimitName(string property) => property switch
    {
        "categories" => nameof(PolicyLimits.MaxCategories),
        "purposes" => nameof(PolicyLimits.MaxPurposes),
        _ => nameof(PolicyLimits.MaxRecipients),
    };

    /// <summary>The entries of one vocabulary section in declaration order, with their indices by name.</summary>
    private sealed class Vocabulary<T>
    {
        public List<T> Entries { get; } = [];

        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets or sets a value indicating whether the section was read; false when it was over its limit.</summary>
        public bool Complete { get; set; } = true;
    }
}
