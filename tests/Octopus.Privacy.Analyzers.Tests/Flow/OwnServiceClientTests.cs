using Microsoft.CodeAnalysis.Testing;
using V = Octopus.Privacy.Analyzers.Tests.Verify<Octopus.Privacy.Analyzers.PiiFlowAnalyzer>;

namespace Octopus.Privacy.Analyzers.Tests.Flow;

/// <summary>
/// A typed HTTP client registered with a base address of the application's own (a service name, localhost, a
/// service-discovery scheme, a Blazor WebAssembly client's host), or the <c>HttpClient</c> a project registers only with
/// such an address (the Blazor WebAssembly template's), calls the application's own API: a request it sends to
/// a relative URI is no disclosure to a third party (found on davidfowl/TodoApi, whose web front end sends a new user's
/// e-mail claim to its own API, docs/benchmarks.md). So does a client no registration points at another host when it
/// asks for a path the compilation's own controllers or endpoints serve (a Blazor Server page calling its project's own
/// API). Anything the analyzer cannot prove to be the application's own is still an HTTP endpoint.
/// </summary>
public sealed class OwnServiceClientTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Security.Claims;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        public sealed record UserInfo(string Username);

        """;

    private const string Email = "claim ClaimTypes.Email (contact.email)";

    private static DiagnosticResult Shared(int location, string sink) =>
        V.Diagnostic("OPRIV002").WithLocation(location).WithArguments(Email, "an HTTP endpoint", sink).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    [Fact]
    public Task A_typed_client_of_a_service_name_posting_to_a_relative_uri_is_not_a_third_party_and_an_absolute_uri_still_is() =>
        V.WithLibrariesAsync(Usings + """
            public static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<AuthClient>(client => { client.BaseAddress = new("http://todoapi"); });
            }

            public class AuthClient(HttpClient client)
            {
                public Task Register(UserInfo user) => client.PostAsJsonAsync("users/register", user);

                public Task Token(string provider, UserInfo user) => client.PostAsJsonAsync($"users/token/{provider}", user);

                public Task Partner(UserInfo user) => client.PostAsJsonAsync("https://partner.example/leads", user);
            }

            public class SignIn(AuthClient auth)
            {
                public async Task Run(ClaimsPrincipal principal)
                {
                    var user = new UserInfo(principal.FindFirstValue(ClaimTypes.Email)!);
                    await auth.Register(user);
                    await auth.Token("github", user);
                    await {|#0:auth.Partner(user)|};
                }
            }
            """,
            Shared(0, "AuthClient.Partner → HttpClientJsonExtensions.PostAsJsonAsync"));

    [Fact]
    public Task A_request_message_to_a_relative_uri_sent_by_a_typed_client_of_the_applications_own_service_is_not_a_third_party() =>
        V.WithLibrariesAsync(Usings + """
            public static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<OrderingService>(o => o.BaseAddress = new("https+http://ordering-api"));
            }

            // As eShop's web front end sends an order, with the buyer's name, to its own ordering API.
            public class OrderingService(HttpClient httpClient)
            {
                private readonly string remoteServiceBaseUrl = "/api/Orders/";
                private string _partner = "/partner/";

                public Task CreateOrder(UserInfo order, Guid requestId)
                {
                    var requestMessage = new HttpRequestMessage(HttpMethod.Post, remoteServiceBaseUrl);
                    requestMessage.Headers.Add("x-requestid", requestId.ToString());
                    requestMessage.Content = JsonContent.Create(order);
                    return httpClient.SendAsync(requestMessage);
                }

                public Task Cancel(UserInfo order) =>
                    httpClient.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/Orders/cancel") { Content = JsonContent.Create(order) });

                // Sent elsewhere: an absolute address, a request whose URI is changed, a field another method changes.
                public Task Mirror(UserInfo order)
                {
                    var message = new HttpRequestMessage(HttpMethod.Post, remoteServiceBaseUrl) { Content = JsonContent.Create(order) };
                    message.RequestUri = new Uri("https://mirror.example/orders");
                    return httpClient.SendAsync(message);
                }

                public Task Partner(UserInfo order) =>
                    httpClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, _partner) { Content = JsonContent.Create(order) });

                public void Redirect(string partner) => _partner = partner;
            }

            public class Checkout(OrderingService ordering)
            {
                public async Task Run(ClaimsPrincipal principal)
                {
                    var order = new UserInfo(principal.FindFirstValue(ClaimTypes.Email)!);
                    await ordering.CreateOrder(order, Guid.NewGuid());
                    await ordering.Cancel(order);
                    await {|#2:ordering.Mirror(order)|};
                    await {|#3:ordering.Partner(order)|};
                }
            }
            """,
            Shared(2, "OrderingService.Mirror → HttpClient.SendAsync"),
            Shared(3, "OrderingService.Partner → HttpClient.SendAsync"));

    [Theory]
    [InlineData("new Uri(\"https://api.partner.example\")")]
    [InlineData("new Uri(configuration[\"Partner:Url\"]!)")]
    [InlineData("new Uri(\"https://todoapi.example.com\")")]
    public Task A_typed_client_whose_base_address_is_not_the_applications_own_still_sends_to_an_HTTP_endpoint(string address) =>
        V.WithLibrariesAsync(Usings + $$"""
            public static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration) =>
                    services.AddHttpClient<PartnerClient>(client => client.BaseAddress = {{address}});
            }

            public class PartnerClient(HttpClient client)
            {
                public Task Send(ClaimsPrincipal principal) => {|#0:client.PostAsJsonAsync("leads", principal.FindFirstValue(ClaimTypes.Email))|};
            }
            """,
            Shared(0, "HttpClientJsonExtensions.PostAsJsonAsync"));

    [Fact]
    public Task A_client_registered_once_for_its_own_service_and_once_for_a_partner_still_sends_to_an_HTTP_endpoint() =>
        V.WithLibrariesAsync(Usings + """
            public static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<SyncClient>(client => client.BaseAddress = new Uri("http://localhost:5001"));
                    services.AddHttpClient<SyncClient>(client => client.BaseAddress = new Uri("https://partner.example"));
                }
            }

            public class SyncClient(HttpClient client)
            {
                public Task Send(ClaimsPrincipal principal) => {|#0:client.PostAsJsonAsync("sync", principal.FindFirstValue(ClaimTypes.Email))|};
            }
            """,
            Shared(0, "HttpClientJsonExtensions.PostAsJsonAsync"));

    [Fact]
    public Task A_client_kept_in_a_field_of_a_service_discovery_or_loopback_address_calls_the_applications_own_service() =>
        V.WithLibrariesAsync(Usings + """
            public interface IProfiles { Task Save(string email); }

            public static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddHttpClient<IProfiles, ProfilesClient>(client => client.BaseAddress = new("https+http://profiles"));
                    services.AddHttpClient<AuditClient>((provider, client) => client.BaseAddress = new Uri("http://127.0.0.1:8080"));
                }
            }

            public class ProfilesClient : IProfiles
            {
                private readonly HttpClient _http;

                public ProfilesClient(HttpClient http) => _http = http;

                public Task Save(string email) => _http.PutAsJsonAsync("profiles/me", new { email });
            }

            public class AuditClient(HttpClient client)
            {
                public Task Audit(string email) => client.GetAsync($"audit?user={email}");
            }

            public class Page(IProfiles profiles, AuditClient audit)
            {
                public async Task Save(ClaimsPrincipal principal)
                {
                    var email = principal.FindFirstValue(ClaimTypes.Email)!;
                    await profiles.Save(email);
                    await audit.Audit(email);
                }
            }
            """);

    [Fact]
    public Task A_Blazor_WebAssembly_client_of_the_server_it_was_loaded_from_calls_the_applications_own_service() =>
        V.WithLibrariesAsync(Usings + """
            namespace Microsoft.AspNetCore.Components.WebAssembly.Hosting
            {
                public interface IWebAssemblyHostEnvironment { string BaseAddress { get; } }
            }

            public static class Setup
            {
                public static void Add(IServiceCollection services, Microsoft.AspNetCore.Components.WebAssembly.Hosting.IWebAssemblyHostEnvironment host) =>
                    services.AddHttpClient<TodoClient>(client => client.BaseAddress = new Uri(host.BaseAddress));
            }

            public class TodoClient(HttpClient client)
            {
                public Task Login(ClaimsPrincipal principal) => client.PostAsJsonAsync("auth/login", new UserInfo(principal.FindFirstValue(ClaimTypes.Email)!));
            }
            """);

    [Fact]
    public Task A_client_not_registered_as_a_typed_client_or_a_computed_uri_still_sends_to_an_HTTP_endpoint() =>
        V.WithLibrariesAsync(Usings + """
            public static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddHttpClient<OwnClient>(client => client.BaseAddress = new("http://todoapi"));
            }

            public class OwnClient(HttpClient client)
            {
                public Task Send(string url, ClaimsPrincipal principal) => {|#0:client.PostAsJsonAsync(url, principal.FindFirstValue(ClaimTypes.Email))|};
            }

            public class Unregistered(HttpClient client)
            {
                public Task Send(ClaimsPrincipal principal) => {|#1:client.PostAsJsonAsync("users", principal.FindFirstValue(ClaimTypes.Email))|};

                public Task Lookup(ClaimsPrincipal principal) => {|#3:client.GetAsync($"users?email={principal.FindFirstValue(ClaimTypes.Email)}")|};
            }

            public class Local
            {
                public Task Send(ClaimsPrincipal principal) => {|#2:new HttpClient { BaseAddress = new Uri("http://todoapi") }.PostAsJsonAsync("users", principal.FindFirstValue(ClaimTypes.Email))|};
            }
            """,
            Shared(0, "HttpClientJsonExtensions.PostAsJsonAsync"),
            Shared(1, "HttpClientJsonExtensions.PostAsJsonAsync"),
            Shared(2, "HttpClientJsonExtensions.PostAsJsonAsync"),
            Shared(3, "HttpClient.GetAsync"));

    private const string WebAssemblyHost = """
        namespace Microsoft.AspNetCore.Components.WebAssembly.Hosting
        {
            public interface IWebAssemblyHostEnvironment { string BaseAddress { get; } }
        }

        """;

    [Fact]
    public Task The_HttpClient_a_Blazor_WebAssembly_client_registers_for_its_own_server_calls_the_applications_own_service() =>
        V.WithLibrariesAsync(Usings + WebAssemblyHost + """
            public static class Setup
            {
                // The Blazor WebAssembly template's registration, and a client made first and registered as it is.
                public static void Add(IServiceCollection services, Microsoft.AspNetCore.Components.WebAssembly.Hosting.IWebAssemblyHostEnvironment host)
                {
                    services.AddScoped(sp => new HttpClient { BaseAddress = new Uri(host.BaseAddress) });
                    var local = new HttpClient { BaseAddress = new Uri("http://localhost:5163/") };
                    services.AddSingleton(local);
                }
            }

            public class AuthenticationService(HttpClient client)
            {
                public Task Find(ClaimsPrincipal principal) => client.GetAsync($"api/Users/GetUserByEmail?userEmail={principal.FindFirstValue(ClaimTypes.Email)}");

                public Task Partner(ClaimsPrincipal principal) => {|#0:client.PostAsJsonAsync("https://partner.example/leads", principal.FindFirstValue(ClaimTypes.Email))|};
            }

            public class ProfilePage
            {
                [Microsoft.AspNetCore.Components.Inject] private HttpClient Http { get; set; } = null!;

                public Task Save(ClaimsPrincipal principal) => Http.PutAsJsonAsync("api/profile", new UserInfo(principal.FindFirstValue(ClaimTypes.Email)!));
            }
            """,
            Shared(0, "HttpClientJsonExtensions.PostAsJsonAsync"));

    [Fact]
    public Task An_HttpClient_registered_with_another_hosts_address_still_sends_to_an_HTTP_endpoint() =>
        V.WithLibrariesAsync(Usings + WebAssemblyHost + """
            public static class Setup
            {
                public static void Add(IServiceCollection services, Microsoft.AspNetCore.Components.WebAssembly.Hosting.IWebAssemblyHostEnvironment host, bool partner)
                {
                    services.AddScoped(sp =>
                    {
                        if (partner)
                        {
                            return new HttpClient { BaseAddress = new Uri("https://api.partner.example/") };
                        }

                        return new HttpClient { BaseAddress = new Uri(host.BaseAddress) };
                    });
                }
            }

            public class AuthenticationService(HttpClient client)
            {
                public Task Find(ClaimsPrincipal principal) => {|#0:client.GetAsync($"api/Users/GetUserByEmail?userEmail={principal.FindFirstValue(ClaimTypes.Email)}")|};
            }
            """,
            Shared(0, "HttpClient.GetAsync"));

    private const string ServedApi = """
        namespace Api
        {
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("api/[controller]")]
            public class AuthController : ControllerBase
            {
                [HttpPatch("Me/Edit")]
                public IActionResult EditMe(UserInfo user) => Ok();

                [HttpGet("/users/{id:int}/profile")]
                public IActionResult Profile(int id) => Ok();
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    var accounts = app.MapGroup("/api/accounts");
                    accounts.MapPost("/{id}/email", (string id, UserInfo user) => Results.Ok());
                }
            }
        }

        """;

    [Fact]
    public Task A_client_pointed_at_no_other_host_asking_for_a_path_the_application_serves_calls_its_own_service() =>
        V.WithLibrariesAsync(Usings + ServedApi + """
            public static class Setup
            {
                // A Blazor Server page's client of the API its own project serves, addressed from configuration.
                public static void Add(IServiceCollection services, IConfiguration configuration) =>
                    services.AddScoped(sp => new HttpClient { BaseAddress = new Uri(configuration["API:localhost"]!) });
            }

            public class AuthService(HttpClient client)
            {
                public Task EditMe(ClaimsPrincipal principal) => client.PatchAsJsonAsync("api/Auth/Me/Edit", Me(principal));

                public Task Profile(int id, ClaimsPrincipal principal) => client.PutAsJsonAsync($"users/{id}/profile?source=page", Me(principal));

                public Task Email(string id, ClaimsPrincipal principal) => client.PostAsJsonAsync($"/api/accounts/{id}/email", Me(principal));

                // Paths the application does not serve.
                public Task Leads(ClaimsPrincipal principal) => {|#0:client.PostAsJsonAsync("api/Auth/leads", Me(principal))|};

                public Task Deeper(ClaimsPrincipal principal) => {|#1:client.PatchAsJsonAsync("api/Auth/Me/Edit/partner", Me(principal))|};

                private static UserInfo Me(ClaimsPrincipal principal) => new(principal.FindFirstValue(ClaimTypes.Email)!);
            }
            """,
            Shared(0, "HttpClientJsonExtensions.PostAsJsonAsync"),
            Shared(1, "HttpClientJsonExtensions.PatchAsJsonAsync"));

    [Fact]
    public Task An_address_made_from_the_pages_own_base_address_for_a_path_the_application_serves_calls_its_own_service() =>
        V.WithLibrariesAsync(Usings + ServedApi + """
            // A Blazor Server page asking its own application's endpoint, addressed from NavigationManager.BaseUri.
            namespace Api2
            {
                using Microsoft.AspNetCore.Builder;
                using Microsoft.AspNetCore.Http;
                using Microsoft.AspNetCore.Routing;

                // Endpoints mapped by methods the application hands its builder, or a group of it, to.
                public static class AccountApi
                {
                    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder endpoints)
                    {
                        endpoints.MapPost("/api/account/remembered", (UserInfo user) => Results.Ok());
                        return endpoints;
                    }

                    public static void MapVersioned(IEndpointRouteBuilder endpoints) => endpoints.MapPost("/api/account/versioned", (UserInfo user) => Results.Ok());

                    public static void Use(WebApplication app)
                    {
                        app.MapAccountApi();
                        MapVersioned(app.MapGroup("/v2"));
                    }
                }
            }

            public class TwoFactorPage(HttpClient client, Microsoft.AspNetCore.Components.NavigationManager navigation)
            {
                public Task Remembered(ClaimsPrincipal principal) => client.PostAsJsonAsync(navigation.BaseUri + "api/accounts/7/email", Me(principal));

                public Task Machine(ClaimsPrincipal principal) => client.PostAsJsonAsync(navigation.BaseUri + "api/account/remembered", Me(principal));

                public Task Versioned(ClaimsPrincipal principal) => client.PostAsJsonAsync(navigation.BaseUri + "v2/api/account/versioned", Me(principal));

                // Served under the group's prefix only.
                public Task Unversioned(ClaimsPrincipal principal) => {|#2:client.PostAsJsonAsync(navigation.BaseUri + "api/account/versioned", Me(principal))|};

                // A path the application does not serve, and another host's address, are still HTTP endpoints.
                public Task Leads(ClaimsPrincipal principal) => {|#0:client.PostAsJsonAsync(navigation.BaseUri + "api/partners/leads", Me(principal))|};

                public Task Partner(ClaimsPrincipal principal, string partner) => {|#1:client.PostAsJsonAsync(partner + "api/accounts/7/email", Me(principal))|};

                private static UserInfo Me(ClaimsPrincipal principal) => new(principal.FindFirstValue(ClaimTypes.Email)!);
            }
            """,
            Shared(0, "HttpClientJsonExtensions.PostAsJsonAsync"),
            Shared(1, "HttpClientJsonExtensions.PostAsJsonAsync"),
            Shared(2, "HttpClientJsonExtensions.PostAsJsonAsync"));

    [Fact]
    public Task A_client_pointed_at_another_host_still_sends_to_an_HTTP_endpoint_whatever_routes_the_application_serves() =>
        V.WithLibrariesAsync(Usings + ServedApi + """
            public static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    services.AddHttpClient<PartnerClient>(client => client.BaseAddress = new Uri("https://api.partner.example/"));
                    services.AddScoped(sp => new HttpClient { BaseAddress = new Uri("https://crm.partner.example/") });
                }
            }

            public class PartnerClient(HttpClient client)
            {
                public Task EditMe(ClaimsPrincipal principal) => {|#0:client.PatchAsJsonAsync("api/Auth/Me/Edit", principal.FindFirstValue(ClaimTypes.Email))|};
            }

            public class CrmService(HttpClient client)
            {
                public Task EditMe(ClaimsPrincipal principal) => {|#1:client.PatchAsJsonAsync("api/Auth/Me/Edit", principal.FindFirstValue(ClaimTypes.Email))|};
            }
            """,
            Shared(0, "HttpClientJsonExtensions.PatchAsJsonAsync"),
            Shared(1, "HttpClientJsonExtensions.PatchAsJsonAsync"));
}
