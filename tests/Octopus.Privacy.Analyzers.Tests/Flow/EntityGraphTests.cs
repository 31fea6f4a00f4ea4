using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// EF Core entity graphs in which several entities reference a user through navigations: an entity that references a
/// user is not personal data itself; its ids, statuses, names of things, keys, counts and timestamps are clean, and
/// only the user's personal members reached through the navigation are reported. A whole entity written by a logger
/// counts for what the logger really writes: its text (a class without an override prints its type name, a record its
/// members) or, destructured with <c>{@x}</c> or serialized to a third party, its members.
/// </summary>
public sealed class EntityGraphTests
{
    private const string Model = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.Extensions.Logging;
        using Octopus.Privacy;

        public class AppUser : IdentityUser { [PersonalData] public string FullName { get; set; } = ""; }
        public class Project
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public string OwnerId { get; set; } = "";
            public AppUser Owner { get; set; } = null!;
            public List<Asset> Assets { get; set; } = new();
        }
        public class Asset
        {
            public Guid Id { get; set; }
            public string StorageKey { get; set; } = "";
            public string Stage { get; set; } = "";
            public long Size { get; set; }
            public DateTime CreatedAt { get; set; }
            public Project Project { get; set; } = null!;
        }
        public class WorkItem
        {
            public int Id { get; set; }
            public string Status { get; set; } = "";
            public AppUser? AssignedToUser { get; set; }
            public ICollection<Comment> Comments { get; set; } = new List<Comment>();
        }
        public class Comment { public int Id { get; set; } public AppUser Author { get; set; } = null!; public string Text { get; set; } = ""; }
        public record WorkItemView(int Id, string Status, AppUser? AssignedTo);
        public interface IRepository
        {
            Task<Asset> GetAssetAsync(Guid id);
            Task<List<WorkItem>> ListAsync();
            WorkItem Find(int id);
        }

        """;

    private static DiagnosticResult Logged(int location, string what) =>
        V.Diagnostic("OPRIV001").WithLocation(location).WithArguments(what, "LoggerExtensions.LogInformation").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public Task Ids_statuses_names_keys_counts_and_timestamps_of_entities_that_reference_a_user_are_never_reported() =>
        V.WithLibrariesAsync(Model + """
            public sealed class AssetService(ILogger<AssetService> logger, IRepository repository)
            {
                public async Task Run(Guid id, Project project)
                {
                    var asset = await repository.GetAssetAsync(id);
                    logger.LogInformation("Asset {Id} at {Key} in {Stage}, {Size} bytes, {At}", asset.Id, asset.StorageKey, asset.Stage, asset.Size, asset.CreatedAt);
                    logger.LogInformation("Project {Id} {Name} of owner {OwnerId}", asset.Project.Id, asset.Project.Name, asset.Project.OwnerId);
                    logger.LogInformation("{Count} assets, {Linq} by LINQ", project.Assets.Count, project.Assets.Count());
                    var items = await repository.ListAsync();
                    logger.LogInformation("{Count} items", items.Count);
                    foreach (var item in items)
                    {
                        logger.LogInformation("Item {Id} is {Status} with {Comments} comments", item.Id, item.Status, item.Comments.Count);
                    }

                    logger.LogInformation("Open {Ids}", items.Where(i => i.Status == "open").Select(i => i.Id).ToList());
                    logger.LogInformation("Statuses {Statuses}", string.Join(",", items.Select(i => i.Status)));
                    foreach (var group in items.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }))
                    {
                        logger.LogInformation("{Status}: {Count}", group.Key, group.Count);
                    }

                    var (count, first) = (items.Count, items.FirstOrDefault()?.Id);
                    logger.LogInformation("{Count} {First}", count, first);
                    var summary = new { asset.Id, asset.Project.Owner.UserName };
                    logger.LogInformation("{Id}", summary.Id);
                    var path = $"assets/{asset.Project.Id}/{asset.Id}";
                    logger.LogInformation("Stored at {Path}", path);
                    logger.LogInformation("Stored at " + asset.StorageKey);
                    var work = repository.Find(3);
                    logger.LogInformation($"Item {work.Id} is {work.Status}");
                    throw new InvalidOperationException($"Asset {asset.Id} in stage {asset.Stage} failed");
                }
            }
            """);

    [Fact]
    public Task An_entity_written_as_text_prints_its_type_name_and_a_record_prints_its_members() =>
        V.WithLibrariesAsync(Model + """
            public sealed class WorkService(ILogger<WorkService> logger, IRepository repository)
            {
                public async Task Run(WorkItem item, Asset? missing)
                {
                    logger.LogInformation("Item {Item}", item);
                    logger.LogInformation("Items {Items}", await repository.ListAsync());
                    logger.LogInformation("Item " + item);
                    logger.LogInformation(item.ToString());
                    if (missing == null)
                    {
                        throw new InvalidOperationException($"Asset {missing} not found");
                    }

                    var view = new WorkItemView(item.Id, item.Status, item.AssignedToUser);
                    {|#0:logger.LogInformation("View {View}", view)|};
                    {|#1:logger.LogInformation("Item {@Item}", item)|};
                }
            }
            """,
            Logged(0, "AppUser.FullName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more"),
            Logged(1, "AppUser.FullName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more"));

    [Fact]
    public Task The_personal_members_reached_through_a_navigation_are_reported() =>
        V.WithLibrariesAsync(Model + """
            public sealed class Notifier(ILogger<Notifier> logger, IRepository repository, HttpClient http)
            {
                public async Task Run(Guid id, int itemId)
                {
                    var asset = await repository.GetAssetAsync(id);
                    {|#0:logger.LogInformation("Owner {Email}", asset.Project.Owner.Email)|};
                    var item = repository.Find(itemId);
                    {|#1:logger.LogInformation("Assigned to {Name}", item.AssignedToUser!.UserName)|};
                    foreach (var comment in item.Comments)
                    {
                        {|#2:logger.LogInformation("By {Author}", comment.Author.FullName)|};
                    }

                    {|#3:logger.LogInformation("Authors {Authors}", item.Comments.Select(c => c.Author.Email).ToList())|};
                    await {|#4:http.PostAsJsonAsync("https://partner.example/", item)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)"),
            Logged(1, "IdentityUser.UserName (identity.name)"),
            Logged(2, "AppUser.FullName (personal data)"),
            Logged(3, "IdentityUser.Email (contact.email)"),
            V.Diagnostic("OPRIV002").WithLocation(4)
                .WithArguments("AppUser.FullName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more", "an HTTP endpoint", "HttpClientJsonExtensions.PostAsJsonAsync")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
}
