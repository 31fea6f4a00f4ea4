using FsCheck;
using FsCheck.Fluent;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>A generated policy with requests to ask it.</summary>
public sealed record Scenario(GeneratedPolicy Policy, GeneratedRequest[] Requests)
{
    public override string ToString() => $"{Policy}\nrequests:\n  {string.Join("\n  ", Requests.Select(r => r.ToString()))}";
}

/// <summary>A scenario plus one more forbid rule, inserted at some position.</summary>
public sealed record ForbidScenario(Scenario Scenario, GeneratedRule Forbid, int Position);

/// <summary>A valid policy document and a random edit of it.</summary>
public sealed record MutatedDocument(string Original, string Mutated, string Mutation)
{
    public override string ToString() => $"{Mutation}\n{Mutated}";
}

/// <summary>Generators for the properties of the engine.</summary>
public static class Arbitraries
{
    private static readonly string[] CategoryPool = ["a", "a.x", "a.y", "b", "b.x", "c", "d.e", "d.f"];
    private static readonly string[] PurposePool = ["p0", "p1", "p2", "p3"];
    private static readonly string[] RecipientPool = ["r0", "r1", "r2"];
    private static readonly string[] ObligationPool = ["audit", "contract", "notify"];

    /// <summary>As many obligation names as a policy may use, so that large policies reach the 64-bit obligation mask's last bit.</summary>
    private static readonly string[] ManyObligations = [.. Enumerable.Range(0, PolicyLimits.MaxObligations).Select(i => $"o{i}")];
    private static readonly ConsentMode[] Modes = [ConsentMode.None, ConsentMode.OptOut, ConsentMode.OptIn];

    public static Arbitrary<Scenario> Scenarios() => ScenarioGen().ToArbitrary();

    public static Arbitrary<ForbidScenario> ForbidScenarios() =>
        (from scenario in ScenarioGen()
         from forbid in RuleGen(scenario.Policy.Categories, scenario.Policy.Purposes, scenario.Policy.Recipients, "extra-forbid", forceForbid: true, ObligationPool)
         from position in Gen.Choose(0, scenario.Policy.Rules.Length)
         select new ForbidScenario(scenario, forbid, position)).ToArbitrary();

    public static Arbitrary<MutatedDocument> MutatedDocuments() =>
        (from scenario in ScenarioGen()
         let original = scenario.Policy.ToJson()
         from mutation in Gen.OneOf(TextMutation(original), StructuralMutation(original))
         select mutation).ToArbitrary();

    public static Gen<Scenario> ScenarioGen() =>
        from policy in PolicyGen()
        from count in Gen.Choose(1, 12)
        from requests in Gen.ArrayOf(RequestGen(policy), count)
        select new Scenario(policy, requests);

    private static Gen<GeneratedPolicy> PolicyGen() =>
        from categoryNames in NonEmptySubset(CategoryPool)
        from personal in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))), categoryNames.Length)
        let categories = categoryNames.Select((n, i) => new GeneratedCategory(n, personal[i])).ToArray()
        from purposeNames in NonEmptySubset(PurposePool)
        from modes in Gen.ArrayOf(Gen.Elements(Modes), purposeNames.Length)
        let purposes = purposeNames.Select((n, i) => new GeneratedPurpose(n, modes[i])).ToArray()
        from recipients in NonEmptySubset(RecipientPool)
        from accepted in Gen.Elements(new[] { new[] { GeneratedPolicy.Version }, new[] { "v1", GeneratedPolicy.Version } })
        from ruleCount in RuleCount()
        from obligationPool in Gen.Elements(ObligationPool, ManyObligations)
        from rules in Gen.ArrayOf(RuleGen(categories, purposes, recipients, "rule", forceForbid: false, obligationPool), ruleCount)
        select new GeneratedPolicy(categories, purposes, recipients, accepted, [.. rules.Select((r, i) => r with { Id = $"rule-{i}" })]);

    /// <summary>
    /// Mostly small policies, where laws are easiest to read when they fail, but also policies of tens and hundreds of
    /// rules, so that rule bit sets span several 64-bit words.
    /// </summary>
    private static Gen<int> RuleCount() =>
        Gen.Frequency((6, Gen.Choose(0, 10)), (3, Gen.Choose(11, 150)), (1, Gen.Choose(150, 400)));

    private static Gen<GeneratedRule> RuleGen(GeneratedCategory[] categories, GeneratedPurpose[] purposes, string[] recipients, string id, bool forceForbid, string[] obligationPool)
    {
        var selectable = categories.SelectMany(c => Prefixes(c.Name)).Distinct().ToArray();
        return from effect in forceForbid ? Gen.Constant(RuleEffect.Forbid) : Gen.Frequency((2, Gen.Constant(RuleEffect.Permit)), (1, Gen.Constant(RuleEffect.Forbid)))
               from categorySelector in OptionalSubset(selectable)
               from purposeSelector in OptionalSubset(purposes.Select(p => p.Name).ToArray())
               from recipientSelector in OptionalSubset(recipients)
               from personal in Gen.Frequency((3, Gen.Constant<bool?>(null)), (1, Gen.Constant<bool?>(true)), (1, Gen.Constant<bool?>(false)))
               from consent in Gen.Frequency((2, Gen.Constant<ConsentMode?>(null)), (1, Gen.Elements(Modes).Select(m => (ConsentMode?)m)))
               from obligations in obligationPool.Length <= 3 ? Gen.SubListOf(obligationPool).Select(l => l.ToArray())
                   : Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Elements(obligationPool), n)).Select(a => a.Distinct().ToArray())
               let keepsACategory = personal is null || categories.Any(c => c.Personal == personal
                   && (categorySelector is null || categorySelector.Any(s => c.Name == s || c.Name.StartsWith(s + ".", StringComparison.Ordinal))))
               select new GeneratedRule(
                   id,
                   effect,
                   categorySelector,
                   purposeSelector,
                   recipientSelector,
                   keepsACategory ? personal : null,
                   effect == RuleEffect.Permit ? consent : null,
                   effect == RuleEffect.Permit ? [.. obligations] : []);
    }

    private static Gen<GeneratedRequest> RequestGen(GeneratedPolicy policy)
    {
        var categoryNames = policy.Categories.Select(c => c.Name).ToArray();
        var purposeNames = policy.Purposes.Select(p => p.Name).ToArray();
        var action = Gen.OneOf(
            Gen.Elements("v0", "v1", GeneratedPolicy.Version).Select(v => "accept:" + v),
            Gen.Elements(PurposePool).Select(p => "grant:" + p),
            Gen.Elements(PurposePool).Select(p => "withdraw:" + p));
        return from count in Gen.Choose(1, 3)
               from categories in Gen.ArrayOf(Gen.Frequency((12, Gen.Elements(categoryNames)), (1, Gen.Constant("zz")), (1, Gen.Constant("a.x.deeper"))), count)
               from purpose in Gen.Frequency((12, Gen.Elements(purposeNames)), (1, Gen.Constant("unknown-purpose")))
               from recipient in Gen.Frequency((12, Gen.Elements(policy.Recipients)), (1, Gen.Constant("unknown-recipient")))
               from actionCount in Gen.Choose(0, 4)
               from actions in Gen.ArrayOf(action, actionCount)
               select new GeneratedRequest(categories, purpose, recipient, new ConsentActions(actions));
    }

    private static Gen<MutatedDocument> TextMutation(string original) =>
        from position in Gen.Choose(0, original.Length - 1)
        from length in Gen.Choose(1, 12)
        from kind in Gen.Choose(0, 4)
        from character in Gen.Elements('{', '}', '[', ']', '"', ',', ':', '\\', 'x', '0', '-', ' ', '\n', 'é', '\0')
        let end = Math.Min(original.Length, position + length)
        let mutated = kind switch
        {
            0 => original.Remove(position, end - position),
            1 => original.Insert(position, character.ToString()),
            2 => original[..position] + character + original[(position + 1)..],
            3 => original.Insert(position, original[position..end]),
            _ => original[..position],
        }
        select new MutatedDocument(original, mutated, $"text edit {kind} at {position} ({end - position} chars, '{character}')");

    private static Gen<MutatedDocument> StructuralMutation(string original) =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from kind in Gen.Choose(0, 3)
        let mutated = StructuralEdit(original, seed, kind)
        select new MutatedDocument(original, mutated, $"structural edit {kind} with seed {seed}");

    private static string StructuralEdit(string original, int seed, int kind)
    {
        var random = new Random(seed);
        var root = System.Text.Json.Nodes.JsonNode.Parse(original)!;
        var nodes = new List<System.Text.Json.Nodes.JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        System.Text.Json.Nodes.JsonNode?[] replacements =
            [null, true, 7, "", "*", "opt-in", "permit", "contact", new System.Text.Json.Nodes.JsonArray(), new System.Text.Json.Nodes.JsonObject(), new System.Text.Json.Nodes.JsonArray(1, "x")];
        switch (target.Parent)
        {
            case System.Text.Json.Nodes.JsonObject parent:
                var key = parent.First(p => ReferenceEquals(p.Value, target)).Key;
                if (kind == 0)
                {
                    parent.Remove(key);
                }
                else if (kind == 1)
                {
                    parent.Remove(key);
                    parent[key + "x"] = target;
                }
                else
                {
                    parent[key] = replacements[random.Next(replacements.Length)]?.DeepClone();
                }

                break;
            case System.Text.Json.Nodes.JsonArray array:
                var index = array.IndexOf(target);
                if (kind == 0)
                {
                    array.RemoveAt(index);
                }
                else
                {
                    array[index] = replacements[random.Next(replacements.Length)]?.DeepClone();
                }

                break;
            default:
                return "null";
        }

        return root.ToJsonString();
    }

    private static void Collect(System.Text.Json.Nodes.JsonNode node, List<System.Text.Json.Nodes.JsonNode> nodes)
    {
        nodes.Add(node);
        if (node is System.Text.Json.Nodes.JsonObject obj)
        {
            foreach (var property in obj)
            {
                if (property.Value is not null)
                {
                    Collect(property.Value, nodes);
                }
            }
        }
        else if (node is System.Text.Json.Nodes.JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    Collect(item, nodes);
                }
            }
        }
    }

    private static IEnumerable<string> Prefixes(string name)
    {
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            yield return name[..dot];
        }

        yield return name;
    }

    private static Gen<string[]> NonEmptySubset(string[] pool) =>
        Gen.SubListOf(pool).Where(l => l.Count > 0).Select(l => l.ToArray());

    private static Gen<string[]?> OptionalSubset(string[] pool) =>
        Gen.Frequency((1, Gen.Constant<string[]?>(null)), (3, NonEmptySubset(pool).Select(a => (string[]?)a)));
}
