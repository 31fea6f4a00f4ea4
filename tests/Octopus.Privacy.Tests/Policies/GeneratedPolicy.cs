using System.Text.Json;
using System.Text.Json.Nodes;

namespace Octopus.Privacy.Tests.Policies;

public sealed record GeneratedCategory(string Name, bool Personal);

public sealed record GeneratedPurpose(string Name, ConsentMode Consent);

public sealed record GeneratedRule(
    string Id,
    RuleEffect Effect,
    string[]? Categories,
    string[]? Purposes,
    string[]? Recipients,
    bool? Personal,
    ConsentMode? Consent,
    string[] Obligations);

/// <summary>A consent state as the actions that built it, so that a failing case prints readably.</summary>
public sealed record ConsentActions(string[] Actions)
{
    public ConsentState ToState()
    {
        var state = ConsentState.None;
        foreach (var action in Actions)
        {
            var (verb, argument) = (action[..action.IndexOf(':', StringComparison.Ordinal)], action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            state = verb switch
            {
                "accept" => state.AcceptPolicy(argument),
                "grant" => state.Grant(argument),
                _ => state.Withdraw(argument),
            };
        }

        return state;
    }

    public override string ToString() => Actions.Length == 0 ? "(nothing)" : string.Join(" ", Actions);
}

public sealed record GeneratedRequest(string[] Categories, string Purpose, string Recipient, ConsentActions Consent)
{
    public DataUseRequest ToRequest() => new(Categories, Purpose, Recipient) { Consent = Consent.ToState() };

    public override string ToString() => $"[{string.Join(",", Categories)}] {Purpose} -> {Recipient} with {Consent}";
}

/// <summary>A policy made by the generators, kept as data so a reference evaluator can decide it independently.</summary>
public sealed record GeneratedPolicy(
    GeneratedCategory[] Categories,
    GeneratedPurpose[] Purposes,
    string[] Recipients,
    string[] AcceptedVersions,
    GeneratedRule[] Rules)
{
    public const string Version = "v2";

    private PrivacyPolicy? _parsed;

    public PrivacyPolicy Policy => _parsed ??= PrivacyPolicy.Parse(ToJson());

    public GeneratedPolicy WithRules(IEnumerable<GeneratedRule> rules) => this with { Rules = [.. rules], _parsed = null };

    public string ToJson()
    {
        var categories = new JsonObject();
        foreach (var category in Categories)
        {
            categories[category.Name] = new JsonObject { ["personal"] = category.Personal };
        }

        var purposes = new JsonObject();
        foreach (var purpose in Purposes)
        {
            purposes[purpose.Name] = new JsonObject { ["consent"] = Mode(purpose.Consent) };
        }

        var recipients = new JsonObject();
        foreach (var recipient in Recipients)
        {
            recipients[recipient] = new JsonObject();
        }

        var rules = new JsonArray();
        foreach (var rule in Rules)
        {
            var node = new JsonObject { ["id"] = rule.Id, ["effect"] = rule.Effect == RuleEffect.Permit ? "permit" : "forbid" };
            AddSelector(node, "categories", rule.Categories);
            AddSelector(node, "purposes", rule.Purposes);
            AddSelector(node, "recipients", rule.Recipients);
            if (rule.Personal is { } personal)
            {
                node["personal"] = personal;
            }

            if (rule.Consent is { } consent)
            {
                node["consent"] = Mode(consent);
            }

            if (rule.Obligations.Length > 0)
            {
                node["obligations"] = new JsonArray([.. rule.Obligations.Select(o => (JsonNode)o)]);
            }

            rules.Add(node);
        }

        var document = new JsonObject
        {
            ["name"] = "generated",
            ["version"] = Version,
            ["acceptedVersions"] = new JsonArray([.. AcceptedVersions.Select(v => (JsonNode)v)]),
            ["categories"] = categories,
            ["purposes"] = purposes,
            ["recipients"] = recipients,
            ["rules"] = rules,
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public override string ToString() => ToJson();

    private static string Mode(ConsentMode mode) => mode switch
    {
        ConsentMode.None => "none",
        ConsentMode.OptOut => "opt-out",
        _ => "opt-in",
    };

    private static void AddSelector(JsonObject node, string name, string[]? selector)
    {
        if (selector is not null)
        {
            node[name] = new JsonArray([.. selector.Select(s => (JsonNode)s)]);
        }
    }
}
