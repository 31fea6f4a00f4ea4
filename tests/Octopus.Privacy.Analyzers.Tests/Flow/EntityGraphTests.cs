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
            // The record prints its user as IdentityUser prints itself (its user name); {@Item} writes every member.
            Logged(0, "IdentityUser.UserName (identity.name)"),
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
    [Fact]
    public Task A_user_reached_through_a_navigation_and_written_whole_is_reported_where_nothing_else_is_read() =>
        // Each body reads no personal member and holds the entity only to read from it, or to hand it on: the user it
        // reaches, written whole, prints its user name; a callee that reads the user's name reports it where it logs it.
        V.WithLibrariesAsync(Model + """
            public sealed class Assignments(ILogger<Assignments> logger)
            {
                public void Run(WorkItem item)
                {
                    logger.LogInformation("Item {Id} is {Status}", item.Id, item.Status);
                    {|#0:logger.LogInformation("Assigned to {User}", item.AssignedToUser)|};
                }

                public void Audit(WorkItem item) => Describe(item);

                private void Describe(WorkItem item) => {|#1:logger.LogInformation("Item {Id} assigned to {Name}", item.Id, item.AssignedToUser?.UserName)|};
            }
            """,
            Logged(0, "IdentityUser.UserName (identity.name)"),
            Logged(1, "IdentityUser.UserName (identity.name)"));

    /// <summary>
    /// The shapes of EF Core and AutoMapper, declared as a library declares them (no bodies the analysis can read): a
    /// query that includes a navigation to the user, aggregates over it, projections to DTOs by code it cannot see.
    /// </summary>
    private const string Library = """

        #pragma warning disable CS0626
        public interface IIncludableQueryable<out TEntity, out TProperty> : IQueryable<TEntity> { }
        public static class Queries
        {
            public static extern IIncludableQueryable<T, P> Include<T, P>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, P>> path);
            public static extern Task<T?> FirstOrDefaultAsync<T>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, bool>> predicate);
            public static extern Task<List<T>> ToListAsync<T>(this IQueryable<T> source);
            public static extern Task<int> MaxAsync<T>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, int>> selector);
        }
        public interface IMapper { IQueryable<T> ProjectTo<T>(IQueryable source); T Map<T>(object source); }
        public interface IViews { Task<string> RenderAsync<TModel>(string view, TModel model); }
        public interface IStore
        {
            IQueryable<Project> Projects { get; }
            IQueryable<WorkItem> Items { get; }
        }
        public class ProjectDto { public int Id { get; set; } public string Name { get; set; } = ""; public string OwnerEmail { get; set; } = ""; public List<string> Tags { get; set; } = new(); }
        public static class Paths { public static string Normalize(string path) => path.Trim(); public static bool Exists(string path) => path.Length > 0; }
        #pragma warning restore CS0626

        """;

    [Fact]
    public Task Queries_that_include_a_user_and_their_aggregates_give_entities_whose_own_members_are_clean() =>
        V.WithLibrariesAsync(Model + Library + """
            public sealed class Reports(ILogger<Reports> logger, IStore store, IViews views)
            {
                public async Task Run(int id)
                {
                    var project = await store.Projects.Include(p => p.Owner).FirstOrDefaultAsync(p => p.Id == id);
                    logger.LogInformation("Project {Name} ({Id})", project!.Name, project.Id);
                    var items = await store.Items.Include(i => i.AssignedToUser).ToListAsync();
                    logger.LogInformation("Statuses {Statuses}", items.Select(i => i.Status).ToList());
                    var highest = await store.Items.Include(i => i.AssignedToUser).MaxAsync(i => i.Id);
                    logger.LogInformation("Highest {Id}", highest);
                    var text = await views.RenderAsync("Views/Project.cshtml", project);
                    logger.LogInformation("Rendered {Text}", text);
                    {|#0:logger.LogInformation("Owner {Email}", project.Owner.Email)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)"));

    [Fact]
    public Task A_DTO_mapped_from_entities_by_unseen_code_carries_only_the_members_named_like_personal_ones() =>
        V.WithLibrariesAsync(Model + Library + """
            public sealed class Reports(ILogger<Reports> logger, IStore store, IMapper mapper)
            {
                public async Task Run(AppUser user)
                {
                    var dto = (await mapper.ProjectTo<ProjectDto>(store.Projects.Include(p => p.Owner)).ToListAsync())[0];
                    logger.LogInformation("Project {Name} ({Id}) tagged {Tags}", dto.Name, dto.Id, dto.Tags);
                    {|#0:logger.LogInformation("Owner {Email}", dto.OwnerEmail)|};
                    var mapped = mapper.Map<ProjectDto>(user);
                    logger.LogInformation("Mapped {Name}", mapped.Name);
                    {|#1:logger.LogInformation("Mapped {Email}", mapped.OwnerEmail)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)"),
            Logged(1, "IdentityUser.Email (contact.email)"));

    [Fact]
    public Task Method_groups_over_sequences_filter_and_project_their_elements() =>
        V.WithLibrariesAsync(Model + Library + """
            public sealed class Folders(ILogger<Folders> logger, IStore store)
            {
                public async Task Run(List<AppUser> users)
                {
                    var projects = await store.Projects.Include(p => p.Owner).ToListAsync();
                    foreach (var folder in projects.Select(p => p.Name).Select(Paths.Normalize).Where(Paths.Exists))
                    {
                        logger.LogInformation("Watching {Folder}", folder);
                    }

                    {|#0:logger.LogInformation("Mails {Mails}", users.Select(u => u.Email!).Select(Paths.Normalize).ToList())|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)"));

    [Fact]
    public Task An_anonymous_object_logged_prints_each_member_as_its_text() =>
        V.WithLibrariesAsync(Model + """
            public sealed class Stats(ILogger<Stats> logger)
            {
                public void Run(WorkItem item, AppUser user)
                {
                    var info = new { sent = item, status = item.Status };
                    logger.LogError("Did not respond: {Content}", info);
                    var who = new { item.Id, user.Email };
                    {|#0:logger.LogError("For {Who}", who)|};
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithArguments("IdentityUser.Email (contact.email)", "LoggerExtensions.LogError"));
    [Fact]
    public Task A_callee_that_logs_text_members_of_its_argument_is_reported_at_the_call_for_those_members_only() =>
        V.WithLibrariesAsync(Model + """
            public record ChatRequest
            {
                public string UserInput { get; init; } = "";
                public string Model { get; init; } = "";
                public WorkItem Item { get; init; } = null!;
                public object? Context { get; init; }
            }

            public sealed class Chat(ILogger<Chat> logger, IRepository repository)
            {
                public async Task Run(int id, string message, AppUser user)
                {
                    var item = repository.Find(id);
                    var request = new ChatRequest { UserInput = message, Model = "small", Item = item };
                    await Send(request);
                    await Relay(request);
                    await Send(request with { Model = "large" });
                    await {|#0:Send(new ChatRequest { UserInput = user.Email!, Item = item })|};
                    await {|#1:Relay(new ChatRequest { UserInput = user.FullName, Item = item })|};
                    await {|#2:Dump(request)|};
                    await Assignee(request);
                }

                private Task Send(ChatRequest request)
                {
                    logger.LogInformation("Sending {Input} with {Model} for item {Id}", request.UserInput, request.Model, request.Item.Id);
                    return Task.CompletedTask;
                }

                private Task Relay(ChatRequest request) => Query(request.UserInput);

                private Task Query(string text)
                {
                    logger.LogInformation("Query {Text}", text);
                    return Task.CompletedTask;
                }

                private Task Dump(ChatRequest request)
                {
                    logger.LogInformation("Request {@Request}", request);
                    return Task.CompletedTask;
                }

                private Task Assignee(ChatRequest request)
                {
                    {|#3:logger.LogInformation("Assigned to {Email}", request.Item.AssignedToUser!.Email)|};
                    return Task.CompletedTask;
                }
            }
            """,
            Logged(0, "IdentityUser.Email (contact.email)").WithArguments("IdentityUser.Email (contact.email)", "Chat.Send → LoggerExtensions.LogInformation"),
            Logged(1, "AppUser.FullName (personal data)").WithArguments("AppUser.FullName (personal data)", "Chat.Relay → Chat.Query → LoggerExtensions.LogInformation"),
            V.Diagnostic("OPRIV001").WithLocation(2).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Logged(3, "IdentityUser.Email (contact.email)"));

    [Fact]
    public Task What_is_sent_of_an_entity_is_what_the_value_sent_can_hold() =>
        V.WithLibrariesAsync(Model + Library + """
            public class ItemReport { public int Id { get; set; } public string Status { get; set; } = ""; public string Series { get; set; } = ""; }
            public class OwnerReport { public int Id { get; set; } public string OwnerEmail { get; set; } = ""; }

            public sealed class Sync(HttpClient http, IMapper mapper)
            {
                public async Task Run(List<WorkItem> items, Project project)
                {
                    foreach (var item in items)
                    {
                        await Post(mapper.Map<ItemReport>(item));
                    }

                    await Each(items, item => mapper.Map<ItemReport>(item));
                    await {|#0:Owner(mapper.Map<OwnerReport>(project))|};
                }

                private async Task Each(List<WorkItem> items, Func<WorkItem, ItemReport> report)
                {
                    foreach (var item in items)
                    {
                        await Post(report(item));
                    }
                }

                private Task Post(ItemReport report) => http.PostAsJsonAsync("https://sync.example/items", report);

                private Task Owner(OwnerReport report) => http.PostAsJsonAsync("https://sync.example/owners", report);
            }
            """,
            V.Diagnostic("OPRIV002").WithLocation(0)
                .WithArguments("IdentityUser.Email (contact.email)", "an HTTP endpoint", "Sync.Owner → HttpClientJsonExtensions.PostAsJsonAsync")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task A_value_its_callee_wraps_in_a_request_holding_any_object_sends_only_what_the_value_can_hold() =>
        V.WithLibrariesAsync(Model + Library + """
            public class ApiRequest { public string Url { get; set; } = ""; public object? Data { get; set; } }
            public class ProjectCreate { public int Id { get; set; } public string Name { get; set; } = ""; public string OwnerId { get; set; } = ""; }
            public class OwnerCreate { public int Id { get; set; } public string OwnerEmail { get; set; } = ""; }

            public sealed class Api(HttpClient http, IMapper mapper)
            {
                public async Task Run(Project project)
                {
                    var created = mapper.Map<ProjectCreate>(project);
                    created.OwnerId = project.Owner.Id;
                    await Create(created);
                    await {|#0:CreateOwner(mapper.Map<OwnerCreate>(project))|};
                }

                private Task Create(ProjectCreate dto) => Send(new ApiRequest { Url = "https://api.example/projects", Data = dto });

                private Task CreateOwner(OwnerCreate dto) => Send(new ApiRequest { Url = "https://api.example/owners", Data = dto });

                private async Task Send(ApiRequest request)
                {
                    var message = new HttpRequestMessage(HttpMethod.Post, request.Url);
                    message.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(request.Data));
                    await http.SendAsync(message);
                }
            }
            """,
            V.Diagnostic("OPRIV002").WithLocation(0)
                .WithArguments("IdentityUser.Email (contact.email)", "an HTTP endpoint", "Api.CreateOwner → Api.Send → HttpClient.SendAsync")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
}
