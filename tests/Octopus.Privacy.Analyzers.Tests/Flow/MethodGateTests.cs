using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Octopus.Privacy.Analyzers.Dataflow;
using Octopus.Privacy.Analyzers.Symbols;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// The gate in front of a method's dataflow (<c>PrivacyContext.MayReportIn</c>): a method that handles an entity which
/// reaches a user only through its navigations (a project and its owner), and reads only the entity's ids, names and
/// counts, is not analysed, because nothing it does can be a finding; one that hands such an entity whole to a method, a
/// logger or a member, or reads a personal member through it, is. The analyzer's findings on the same code show that
/// the methods the gate closes on have none to lose.
/// </summary>
public sealed class MethodGateTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.Extensions.Logging;

        public class AppUser : IdentityUser { }
        public class Project
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public AppUser Owner { get; set; } = null!;
            public List<Project> Children { get; set; } = new();
        }
        public interface IProjects
        {
            Task<Project?> FindAsync(int id);
            IQueryable<Project> All();
        }

        public sealed class ProjectService(IProjects projects, ILogger<ProjectService> logger)
        {
            private Project? _last;

            public async Task IdsAndNames(int id)
            {
                var project = await projects.FindAsync(id);
                if (project == null || project is not { })
                {
                    return;
                }

                logger.LogInformation("Project {Id} {Name} has {Count} children", project.Id, project.Name, project.Children.Count);
            }

            public void AQueryCounted()
            {
                var count = projects.All().Where(p => p.Name != "").Count();
                logger.LogInformation("{Count} projects", count);
            }

            public async Task ALoop()
            {
                var all = projects.All().ToList();
                foreach (var project in all)
                {
                    logger.LogInformation("Project {Id}", project.Id);
                }

                await Task.CompletedTask;
            }

            public async Task<Project?> Returned(int id)
            {
                var project = await projects.FindAsync(id);
                logger.LogInformation("Loaded {Id} ({Name})", id, project?.Name);
                return project;
            }

            public async Task HandedToAMethod(int id)
            {
                var project = await projects.FindAsync(id);
                logger.LogInformation("Notifying {Id}", id);
                Notify(project!);
            }

            public async Task Kept(int id)
            {
                _last = await projects.FindAsync(id);
                logger.LogInformation("Kept {Id}", id);
            }

            public async Task ThroughTheNavigation(int id)
            {
                var project = await projects.FindAsync(id);
                logger.LogInformation("Owner {Email}", project!.Owner.Email);
            }

            public async Task TheUserItself(int id)
            {
                var owner = (await projects.FindAsync(id))!.Owner;
                logger.LogInformation("Owner {Id}", owner.Id);
            }

            public void ALambdaGivesOutTheUser()
            {
                var owners = projects.All().Select(p => p.Owner).ToList();
                logger.LogInformation("{Count} owners", owners.Count);
            }

            public void Notify(Project project) => logger.LogInformation("Owner {Email}", project.Owner.Email);
        }
        """;

    [Theory]
    [InlineData("IdsAndNames", false)]
    [InlineData("AQueryCounted", false)]
    [InlineData("ALoop", false)]
    [InlineData("Returned", false)]
    [InlineData("HandedToAMethod", true)]
    [InlineData("Kept", true)]
    [InlineData("ThroughTheNavigation", true)]
    [InlineData("TheUserItself", true)]
    [InlineData("ALambdaGivesOutTheUser", true)]
    [InlineData("Notify", true)]
    public void A_method_that_reads_only_the_ids_and_names_of_an_entity_that_references_a_user_is_not_analysed(string method, bool analysed)
    {
        var (privacy, body, symbol) = Prepare(method);

        Assert.Equal(analysed, privacy.MayReportIn(body, symbol));
    }

    [Fact]
    public async Task The_methods_it_closes_on_have_no_finding_and_the_others_keep_theirs()
    {
        var diagnostics = await Compile().WithAnalyzers([new PiiFlowAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        var reported = diagnostics.Where(d => d.Id == DiagnosticIds.PiiLoggedWithoutConsent)
            .Select(d => d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>()!.Identifier.Text)
            .Distinct()
            .OrderBy(m => m, StringComparer.Ordinal);
        Assert.Equal(["Notify", "ThroughTheNavigation"], reported);
    }

    private static (PrivacyContext Privacy, IOperation Body, IMethodSymbol Method) Prepare(string name)
    {
        var compilation = Compile();
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == name);
        var privacy = new PrivacyContext(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), PrivacySymbols.Resolve(compilation), CancellationToken.None);
        return (privacy, model.GetOperation(declaration)!, model.GetDeclaredSymbol(declaration)!);
    }

    private static CSharpCompilation Compile()
    {
        var compilation = CSharpCompilation.Create(
            "Gate",
            [CSharpSyntaxTree.ParseText(Source)],
            [.. References.Privacy.Value, .. References.Libraries.Value],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }
}
