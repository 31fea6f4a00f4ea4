using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Octopus.Privacy.Samples.Web;

namespace Octopus.Privacy.Compliance.Tests;

/// <summary>The sample web application over HTTP: the middleware makes the signed-in user ambient, and the log shows what consent permits.</summary>
public sealed class SampleWebAppTests
{
    [Fact]
    public async Task The_log_shows_the_address_for_a_consenting_user_and_not_for_others_or_after_a_withdrawal()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        await using var app = WebApp.Build(builder);
        await app.StartAsync();
        using var client = app.GetTestClient();
        var logs = app.Services.GetFakeLogCollector();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(new Uri("/consent/ada/accept", UriKind.Relative), null)).StatusCode);
        Assert.Equal("ada@example.com", await Offer(client, logs, "ada"));
        Assert.Equal(string.Empty, await Offer(client, logs, "bob"));

        await client.PostAsync(new Uri("/consent/ada/withdraw", UriKind.Relative), null);
        Assert.Equal(string.Empty, await Offer(client, logs, "ada"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(new Uri("/offers", UriKind.Relative), null)).StatusCode);
        Assert.DoesNotContain(logs.GetSnapshot().Skip(1), r => r.Message.Contains("example.com", StringComparison.Ordinal) && !r.Message.Contains("ada@example.com", StringComparison.Ordinal));
        await app.StopAsync();
    }

    private static async Task<string?> Offer(HttpClient client, FakeLogCollector logs, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/offers");
        request.Headers.Add("X-Demo-User", user);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return logs.GetSnapshot().Last(r => r.Category == typeof(Offers).FullName).StructuredState!.Single(p => p.Key == "Email").Value;
    }
}
