using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Octopus.Privacy.Analyzers.Tests;

/// <summary>Every rule the analyzers can report is documented and tracked, and its help link points at its page.</summary>
public sealed class RuleDocumentationTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllDescriptors().Select(d => d.Id).Distinct())
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_has_its_documentation_page_and_help_link(string id)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id);
        var page = Path.Combine(RepositoryPaths.Root, "docs", "rules", id + ".md");

        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");
        Assert.StartsWith($"# {id}: ", File.ReadAllLines(page)[0], StringComparison.Ordinal);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Contains("## Non-compliant", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains("## Compliant", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_links_start_at_the_repository_address_set_once_in_Directory_Build_props()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        var repository = props.Descendants("OctopusPrivacyRepositoryUrl").Single().Value;

        Assert.StartsWith("https://", repository, StringComparison.Ordinal);
        Assert.DoesNotContain("example.invalid", repository, StringComparison.Ordinal);
        Assert.Equal(repository + "/blob/main/docs/rules/", DiagnosticIds.RulePagesBase);
        Assert.All(AllDescriptors(), d => Assert.Equal(DiagnosticIds.RulePagesBase + d.Id + ".md", d.HelpLinkUri));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_is_in_the_release_tracking_table(string id)
    {
        var unshipped = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "analyzers", "Octopus.Privacy.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "analyzers", "Octopus.Privacy.Analyzers", "AnalyzerReleases.Shipped.md"));

        Assert.True(unshipped.Contains(id + " |", StringComparison.Ordinal) || shipped.Contains(id + " |", StringComparison.Ordinal));
    }

    [Fact]
    public void The_analyzers_cover_exactly_the_ids_in_DiagnosticIds()
    {
        var declared = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && ((string)f.GetRawConstantValue()!).StartsWith("OPRIV", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order();

        Assert.Equal(declared, AllDescriptors().Select(d => d.Id).Distinct().Order());
    }

    private static IEnumerable<Microsoft.CodeAnalysis.DiagnosticDescriptor> AllDescriptors() =>
        typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);
}
