using System.Text.Json;

namespace Octopus.Privacy.Cli.Tests.Commands;

public sealed class DiffCommandTests
{
    [Fact]
    public void The_default_policy_against_itself_reports_nothing()
    {
        using var run = new CliRun();
        var copy = run.Write("same.json", PrivacyPolicy.OctopusGroup.ToJson());

        var result = CliRun.InProcess("diff", copy);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Broadened (deny -> permit, or an obligation dropped): 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("Narrowed (permit -> deny, or obligations added): 0", result.Output, StringComparison.Ordinal);
        Assert.Contains("categories: -; purposes: -; recipients: -", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("Verdict: no change", result.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_correction_of_the_default_policy_only_narrows_and_adds_obligations_as_the_release_notes_record()
    {
        var before = Path.Combine(RepositoryPaths.Root, "policies", "previous", "octopus-group-1.0-before-2026-12-01.json");
        var after = Path.Combine(RepositoryPaths.Root, "policies", "previous", "octopus-group-1.0-before-2026-12-03.json");

        var result = CliRun.InProcess("diff", before, after, "--format", "json");
        var text = CliRun.InProcess("diff", before, after);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Empty(json.RootElement.GetProperty("broadened").EnumerateArray());
        Assert.NotEmpty(json.RootElement.GetProperty("narrowed").EnumerateArray());
        var notes = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "release-notes.md")).ReplaceLineEndings("\n");
        Assert.Contains(text.Output.TrimEnd().ReplaceLineEndings("\n"), notes, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readings_decided_on_2026_12_03_broaden_only_the_hosted_chat_as_the_release_notes_record()
    {
        var before = Path.Combine(RepositoryPaths.Root, "policies", "previous", "octopus-group-1.0-before-2026-12-03.json");
        var after = Path.Combine(RepositoryPaths.Root, "src", "Octopus.Privacy", "Policies", "octopus-group.json");

        var result = CliRun.InProcess("diff", before, after, "--format", "json");
        var text = CliRun.InProcess("diff", before, after);

        using var json = JsonDocument.Parse(result.Output);
        var broadened = json.RootElement.GetProperty("broadened").EnumerateArray().ToList();
        Assert.Equal(4, broadened.Count);
        Assert.All(broadened, c => Assert.Equal(("chat.message", "service.provision", "internal", "host-the-chat"), (c.GetProperty("category").GetString(), c.GetProperty("purpose").GetString(), c.GetProperty("recipient").GetString(), c.GetProperty("ruleAfter").GetString())));
        var narrowed = json.RootElement.GetProperty("narrowed").EnumerateArray().ToList();
        Assert.All(narrowed, c => Assert.Contains(c.GetProperty("category").GetString(), new[] { "aggregate", "correspondence" }));
        Assert.Equal(32, narrowed.Count);
        var notes = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "release-notes.md")).ReplaceLineEndings("\n");
        Assert.Contains(text.Output.TrimEnd().ReplaceLineEndings("\n"), notes, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permit_for_processor_offers_without_opt_in_broadens_exactly_the_classes_it_opens()
    {
        using var run = new CliRun();
        var old = run.Write("old.json", PrivacyPolicy.OctopusGroup.ToJson());
        var changed = run.DefaultPolicyWith("new.json", """
            { "id": "offers-via-processors", "effect": "permit", "categories": ["contact.email"],
              "purposes": ["marketing.offers"], "recipients": ["processor"] }
            """);

        var result = CliRun.InProcess("diff", old, changed, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var broadened = json.RootElement.GetProperty("broadened").EnumerateArray().ToList();
        var only = Assert.Single(broadened);
        Assert.Equal("contact.email", only.GetProperty("category").GetString());
        Assert.Equal("marketing.offers", only.GetProperty("purpose").GetString());
        Assert.Equal("processor", only.GetProperty("recipient").GetString());
        Assert.Equal("accepted", only.GetProperty("consent").GetString());
        Assert.Equal("deny: ConsentRequired", only.GetProperty("before").GetString());
        Assert.Equal("permit", only.GetProperty("after").GetString());
        Assert.Empty(json.RootElement.GetProperty("narrowed").EnumerateArray());
        Assert.True(json.RootElement.GetProperty("material").GetBoolean());
        Assert.Contains("Publish it as a new version", json.RootElement.GetProperty("verdict").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broadening_that_keeps_the_version_is_told_to_publish_a_new_version()
    {
        using var run = new CliRun();
        var changed = run.DefaultPolicyWith("new.json", """
            { "id": "offers-via-processors", "effect": "permit", "categories": ["contact.email"],
              "purposes": ["marketing.offers"], "recipients": ["processor"] }
            """);

        var result = CliRun.InProcess("diff", changed);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  contact.email for marketing.offers to processor (policy accepted): deny: ConsentRequired -> permit [rule offers-via-processors]", result.OutputLines);
        Assert.Equal(
            "Verdict: MATERIAL CHANGE: 1 request classes broadened. Publish it as a new version: it keeps version 1.0, so everyone who accepted the old text would count as accepting this one. Give it a new version, post a notice of change, and collect acceptance again.",
            result.OutputLines[^1]);
    }

    [Fact]
    public void A_broadening_under_a_new_version_that_still_accepts_the_old_one_is_told_to_remove_it()
    {
        using var run = new CliRun();
        var changed = run.DefaultPolicyWith("new.json", """
            { "id": "offers-via-processors", "effect": "permit", "categories": ["contact.email"],
              "purposes": ["marketing.offers"], "recipients": ["processor"] }
            """);
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(changed))!;
        document["version"] = "2.0";
        document["acceptedVersions"] = new System.Text.Json.Nodes.JsonArray("1.0", "2.0");
        File.WriteAllText(changed, document.ToJsonString());

        var result = CliRun.InProcess("diff", changed);

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("acceptedVersions of Octopus Group Privacy Policy 2.0 must not list the old version 1.0 (it does: remove it).", result.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Accepting_an_older_version_again_is_a_material_change()
    {
        using var run = new CliRun();
        var old = run.Write("old.json", PrivacyPolicy.OctopusGroup.ToJson());
        var document = System.Text.Json.Nodes.JsonNode.Parse(PrivacyPolicy.OctopusGroup.ToJson())!;
        document["acceptedVersions"] = new System.Text.Json.Nodes.JsonArray("0.9", "1.0");
        var revived = run.Write("revived.json", document.ToJsonString());

        var text = CliRun.InProcess("diff", old, revived);
        var json = CliRun.InProcess("diff", old, revived, "--format", "json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("Acceptances revived: 0.9 (people who accepted only these versions count as accepting again)", text.OutputLines);
        Assert.StartsWith("Verdict: MATERIAL CHANGE: acceptances of 0.9 revived.", text.OutputLines[^1], StringComparison.Ordinal);
        Assert.Contains("Remove 0.9 from acceptedVersions", text.OutputLines[^1], StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.True(parsed.RootElement.GetProperty("material").GetBoolean());
        Assert.Equal(["0.9"], parsed.RootElement.GetProperty("revivedVersions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_permit_for_associates_broadens_nothing_because_the_forbid_still_wins()
    {
        using var run = new CliRun();
        var changed = run.DefaultPolicyWith("new.json", """
            { "id": "email-to-associates", "effect": "permit", "categories": ["contact.email"], "recipients": ["associate"] }
            """);

        var result = CliRun.InProcess("diff", changed);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Broadened (deny -> permit, or an obligation dropped): 0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void New_vocabulary_and_removed_rules_are_reported()
    {
        using var run = new CliRun();
        var old = run.Write("old.json", """
            { "name": "P", "version": "1", "categories": { "x": {}, "gone": {} }, "purposes": { "p": { "consent": "none" } },
              "recipients": { "r": {} }, "rules": [ { "id": "x", "effect": "permit", "categories": ["x"] },
              { "id": "gone", "effect": "permit", "categories": ["gone"], "obligations": ["audit"] } ] }
            """);
        var changed = run.Write("new.json", """
            { "name": "P", "version": "2", "categories": { "x": {}, "y": {} }, "purposes": { "p": { "consent": "none" } },
              "recipients": { "r": {} }, "rules": [ { "id": "x", "effect": "permit", "categories": ["x"], "obligations": ["audit"] } ] }
            """);

        var result = CliRun.InProcess("diff", old, changed, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(["y"], json.RootElement.GetProperty("added").GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["gone"], json.RootElement.GetProperty("removed").GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        var narrowed = json.RootElement.GetProperty("narrowed").EnumerateArray().ToList();
        Assert.Equal(8, narrowed.Count);
        Assert.Equal(4, narrowed.Count(n => n.GetProperty("category").GetString() == "gone" && n.GetProperty("after").GetString() == "deny: UnknownCategory"));
        Assert.Equal(4, narrowed.Count(n => n.GetProperty("category").GetString() == "x" && n.GetProperty("after").GetString() == "permit (audit)"));
        Assert.False(json.RootElement.GetProperty("material").GetBoolean());
    }
}
