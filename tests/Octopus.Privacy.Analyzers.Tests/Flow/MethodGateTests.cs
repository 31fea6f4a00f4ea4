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
        public record AddressRow(string Address);
        public interface IProjects
        {
            Task<Project?> FindAsync(int id);
            IQueryable<Project> All();
        }

        public sealed class ProjectService(IProjects projects, UserManager<AppUser> users, ILogger<ProjectService> logger)
        {
            private Project? _last;
            private List<AddressRow> _addresses = new();

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
                logger.LogInformation("Kept {Id} ({Name})", id, _last?.Name);
            }

            public async Task KeptAndHandedOn(int id)
            {
                _last = await projects.FindAsync(id);
                Audit();
            }

            public async Task RowsCounted()
            {
                _addresses = await AddressesAsync();
                logger.LogInformation("{Count} addresses", _addresses.Count);
            }

            public async Task RowsJoined()
            {
                var addresses = await AddressesAsync();
                logger.LogInformation("Addresses: {Addresses}", string.Join(", ", addresses.Select(a => a.Address)));
            }

            public async Task AnArgumentALookUpNames(string address)
            {
                var project = await ProjectOfAsync(address);
                logger.LogInformation("No project for {Address}", project == null ? address : "");
            }

            public async Task AnArgumentReadNowhereElse(string address)
            {
                var project = await ProjectOfAsync(address);
                logger.LogInformation("Project {Id}", project?.Id);
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

            private void Audit() => logger.LogInformation("Kept the project of {Email}", _last?.Owner.Email);

            private async Task<List<AddressRow>> AddressesAsync() => (await users.GetUsersInRoleAsync("member")).Select(u => new AddressRow(u.Email!)).ToList();

            private async Task<Project?> ProjectOfAsync(string email)
            {
                var owner = await users.FindByEmailAsync(email);
                return owner == null ? null : await projects.FindAsync(owner.AccessFailedCount);
            }
        }
        """;

    [Theory]
    [InlineData("IdsAndNames", false)]
    [InlineData("AQueryCounted", false)]
    [InlineData("ALoop", false)]
    [InlineData("Returned", false)]
    [InlineData("HandedToAMethod", true)]
    [InlineData("Kept", false)]
    [InlineData("KeptAndHandedOn", true)]
    [InlineData("RowsCounted", false)]
    [InlineData("RowsJoined", true)]
    [InlineData("AnArgumentALookUpNames", true)]
    [InlineData("AnArgumentReadNowhereElse", false)]
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
        Assert.Equal(["AnArgumentALookUpNames", "Audit", "Notify", "RowsJoined", "ThroughTheNavigation"], reported);
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
