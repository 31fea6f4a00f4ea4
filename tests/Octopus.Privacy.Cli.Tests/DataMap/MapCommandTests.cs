using System.Text.Json;

namespace Octopus.Privacy.Cli.Tests.DataMap;

/// <summary>'octopus-privacy map' on the data-map sample: every verdict, the records of processing, determinism, --check.</summary>
[Collection(DataMapFixture.Collection)]
public sealed class MapCommandTests(DataMapFixture sample)
{
    [Fact]
    public void The_map_is_drawn_against_the_embedded_policy_the_sample_uses()
    {
        Assert.True(sample.JsonRun.ExitCode == 0, sample.JsonRun.Error + sample.JsonRun.Output);
        var policy = sample.Json!.RootElement.GetProperty("policy");
        Assert.Equal(PrivacyPolicy.OctopusGroup.Name, policy.GetProperty("name").GetString());
        Assert.Equal(PrivacyPolicy.OctopusGroup.Version, policy.GetProperty("version").GetString());
        Assert.Contains("Wrote the data map", sample.JsonRun.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_are_the_members_that_hold_personal_data_with_their_category_and_declaration()
    {
        var sources = sample.Json!.RootElement.GetProperty("sources").EnumerateArray()
            .Select(s => $"{s.GetProperty("member").GetString()} {s.GetProperty("category").GetString()} {s.GetProperty("file").GetString()}:{s.GetProperty("line").GetInt32()}")
            .ToList();

        Assert.Equal(["Shop.Models.Customer.Email contact.email Shop.Models/Customer.cs:14", "Shop.Models.Customer.Name identity.name Shop.Models/Customer.cs:11"], sources);
    }

    [Fact]
    public void An_unchecked_log_is_a_finding_that_the_build_reports_as_OPRIV001()
    {
        var site = sample.Sites.Single(s => s.GetProperty("file").GetString() == "Shop.Services/Welcome.cs" && s.GetProperty("line").GetInt32() == 13);

        Assert.Equal("finding", site.GetProperty("verdict").GetString());
        Assert.Equal("OPRIV001", site.GetProperty("diagnostic").GetString());
        Assert.Equal("log", site.GetProperty("sink").GetString());
        Assert.Equal("internal", site.GetProperty("recipient").GetString());
        Assert.Equal(["contact.email"], Strings(site, "categories"));
        Assert.Equal("Shop.Services.Welcome.Greet", site.GetProperty("member").GetString());
        Assert.Empty(Strings(site, "guardedBy"));
    }

    [Fact]
    public void A_redacted_log_is_redacted_and_reported_by_no_rule()
    {
        var site = sample.Sites.Single(s => s.GetProperty("file").GetString() == "Shop.Services/Welcome.cs" && s.GetProperty("line").GetInt32() == 16);

        Assert.Equal("redacted", site.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, site.GetProperty("diagnostic").ValueKind);
        Assert.Equal(["contact.email"], Strings(site, "categories"));
    }

    [Fact]
    public void A_log_of_a_count_is_not_a_site()
    {
        Assert.DoesNotContain(sample.Sites, s => s.GetProperty("file").GetString() == "Shop.Services/Welcome.cs" && s.GetProperty("line").GetInt32() == 19);
    }

    [Fact]
    public void A_check_for_a_purpose_the_policy_links_guards_the_site()
    {
        var site = sample.Site("Shop.Services/Offers.cs", "Offers.Deliver");

        Assert.Equal("guarded", site.GetProperty("verdict").GetString());
        Assert.Equal(["marketing.offers"], Strings(site, "guardedBy"));
        Assert.Equal("processor", site.GetProperty("recipient").GetString());
        Assert.Equal("other", site.GetProperty("sink").GetString());
        Assert.Equal(JsonValueKind.Null, site.GetProperty("diagnostic").ValueKind);
    }

    [Fact]
    public void A_check_whose_purpose_cannot_make_the_use_lawful_is_a_policy_conflict()
    {
        var site = sample.Site("Shop.Services/Offers.cs", "Offers.Share");

        Assert.Equal("policy-conflict", site.GetProperty("verdict").GetString());
        Assert.Equal(["advertising.tailored"], Strings(site, "guardedBy"));
        Assert.Equal("associate", site.GetProperty("recipient").GetString());

        // The sample has no policy of its own, so an ordinary build takes any check as a guard: the map is what shows it.
        Assert.Equal(JsonValueKind.Null, site.GetProperty("diagnostic").ValueKind);
    }

    [Fact]
    public void An_unchecked_HTTP_request_with_the_whole_customer_is_a_finding_naming_every_member_sent()
    {
        var site = sample.Sites.Single(s => s.GetProperty("sink").GetString() == "http");

        Assert.Equal("finding", site.GetProperty("verdict").GetString());
        Assert.Equal("OPRIV002", site.GetProperty("diagnostic").GetString());
        Assert.Equal(["contact.email", "identity.name"], Strings(site, "categories"));
        Assert.Equal(JsonValueKind.Null, site.GetProperty("recipient").ValueKind);
    }

    [Fact]
    public void Every_verdict_is_in_the_sample()
    {
        Assert.Equal(["finding", "guarded", "policy-conflict", "redacted"], sample.Sites.Select(s => s.GetProperty("verdict").GetString()!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_records_of_processing_say_per_purpose_what_the_policy_permits()
    {
        var rows = sample.Json!.RootElement.GetProperty("processing").EnumerateArray().ToList();
        JsonElement Row(string? purpose, string category, string? recipient) => rows.Single(r =>
            r.GetProperty("purpose").GetString() == purpose && r.GetProperty("category").GetString() == category && r.GetProperty("recipient").GetString() == recipient);

        Assert.True(Row("marketing.offers", "contact.email", "processor").GetProperty("permitted").GetBoolean());
        Assert.False(Row("advertising.tailored", "contact.email", "associate").GetProperty("permitted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Row(null, "contact.email", "internal").GetProperty("permitted").ValueKind);
        Assert.Contains("Shop.Services/Offers.cs:", Row("marketing.offers", "contact.email", "processor").GetProperty("sites")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_code_gives_the_same_bytes_and_check_says_so()
    {
        var check = DataMapFixture.Map(sample.Solution, "--check", sample.JsonPath);

        Assert.True(check.ExitCode == 0, check.Error + check.Output);
        Assert.Contains("is up to date", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_exits_1_and_names_the_new_site_when_the_code_changed()
    {
        using var run = new CliRun();
        var changed = run.Directory;
        DataMapFixture.CopyDirectory(Path.Combine(RepositoryPaths.Root, "samples", "DataMap"), changed);

        var welcome = Path.Combine(changed, "Shop.Services", "Welcome.cs");
        File.WriteAllText(welcome, File.ReadAllText(welcome).Replace(
            "        // Not personal: a count.",
            "        logger.LogWarning(\"Name {Name}\", customer.Name);\n        // Not personal: a count.",
            StringComparison.Ordinal));

        var check = DataMapFixture.Map(Path.Combine(changed, "Shop.slnx"), "--check", sample.JsonPath);

        Assert.True(check.ExitCode == 1, check.Error + check.Output);
        Assert.Contains("differs from", check.Output, StringComparison.Ordinal);
        Assert.Contains("Shop.Services/Welcome.cs:18 LoggerExtensions.LogWarning finding", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_policy_that_permits_the_use_the_conflict_becomes_a_guard_and_the_map_names_that_policy()
    {
        using var run = new CliRun();
        var document = System.Text.Json.Nodes.JsonNode.Parse(PrivacyPolicy.OctopusGroup.ToJson())!.AsObject();
        document["name"] = "Partner programme";
        var rules = document["rules"]!.AsArray();
        rules.Remove(rules.Single(r => r!["id"]!.GetValue<string>() == "associates-receive-aggregate-only"));
        rules.Add(System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "partners-by-opt-in", "effect": "permit", "categories": ["contact.email"], "purposes": ["advertising.tailored"], "recipients": ["associate"], "consent": "opt-in", "clause": "Partners" }"""));
        var policy = run.Write("partners.privacy.json", document.ToJsonString());
        var output = Path.Combine(run.Directory, "map.json");

        var result = DataMapFixture.Map(sample.Solution, "--policy", policy, "--output", output);

        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        using var map = JsonDocument.Parse(File.ReadAllBytes(output));
        Assert.Equal("Partner programme", map.RootElement.GetProperty("policy").GetProperty("name").GetString());
        var share = map.RootElement.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("sinkName").GetString() == "Offers.Share");
        Assert.Equal("guarded", share.GetProperty("verdict").GetString());
        Assert.True(map.RootElement.GetProperty("processing").EnumerateArray()
            .Single(r => r.GetProperty("purpose").GetString() == "advertising.tailored").GetProperty("permitted").GetBoolean());
    }

    [Fact]
    public void A_project_that_does_not_reference_Octopus_Privacy_is_mapped_from_Identity_users()
    {
        using var run = new CliRun();
        var project = run.Write("Accounts.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup>
            </Project>
            """);
        run.Write("Welcome.cs", """
            using Microsoft.AspNetCore.Identity;
            using Microsoft.Extensions.Logging;

            public sealed class Welcome(ILogger<Welcome> logger)
            {
                public void Greet(IdentityUser user) => logger.LogInformation("Welcome {Email}", user.Email);
            }
            """);

        var result = DataMapFixture.Map(project);

        Assert.True(result.ExitCode == 0, result.Error);
        using var map = JsonDocument.Parse(result.Output);
        var site = Assert.Single(map.RootElement.GetProperty("sites").EnumerateArray());
        Assert.Equal("finding", site.GetProperty("verdict").GetString());
        Assert.Equal("OPRIV001", site.GetProperty("diagnostic").GetString());
        Assert.Equal("Welcome.cs", site.GetProperty("file").GetString());
    }

    [Fact]
    public void An_invalid_policy_is_one_line_and_exit_2_before_anything_is_built()
    {
        using var run = new CliRun();
        var policy = run.Write("broken.json", "{ \"name\": 1 }");

        var result = CliRun.InProcess("map", sample.Solution, "--policy", policy);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("invalid policy", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_project_is_one_line_and_exit_2()
    {
        var result = CliRun.InProcess("map", sample.JsonPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not a C# project (.csproj) or a solution", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_that_does_not_compile_is_one_line_naming_the_error_and_exit_2()
    {
        using var run = new CliRun();
        var project = run.Write("Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Library</OutputType></PropertyGroup></Project>");
        run.Write("Broken.cs", "public class Broken { public void M() { int x = \"text\"; } }");

        var result = DataMapFixture.Map(project);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("failed, so no map was drawn", result.Error, StringComparison.Ordinal);
        Assert.Contains("CS0029", result.Error, StringComparison.Ordinal);
    }

    private static string[] Strings(JsonElement site, string name) => site.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
