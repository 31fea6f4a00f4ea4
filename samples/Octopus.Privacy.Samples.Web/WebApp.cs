using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Octopus.Privacy.Compliance;

namespace Octopus.Privacy.Samples.Web;

/// <summary>The sample's application: consent recorded by endpoints, offers whose log line carries the user's e-mail.</summary>
public static class WebApp
{
    /// <summary>The users the sample knows, by id.</summary>
    public static readonly IReadOnlyDictionary<string, string> Emails = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ada"] = "ada@example.com",
        ["bob"] = "bob@example.com",
    };

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        // Redaction in the logging pipeline; values permitted by consent are written exactly (no discriminator).
        builder.Logging.EnableRedaction(o => o.ApplyDiscriminator = false);
        builder.Services.AddOctopusPrivacy();
        builder.Services.AddInMemoryConsentLedger();
        builder.Services.AddConsentAwareRedaction(o => o.Purpose = "marketing.offers");
        builder.Services.AddAuthentication(DemoUserHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, DemoUserHandler>(DemoUserHandler.SchemeName, null);
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UsePrivacySubject();
        app.UseAuthorization();

        app.MapPost("/consent/{user}/accept", async (string user, IConsentLedger ledger) =>
        {
            await ledger.AppendAsync(user, [ConsentChange.AcceptPolicy("1.0")], new ConsentAppendOptions { Source = "web-form" });
            return Results.NoContent();
        });
        app.MapPost("/consent/{user}/withdraw", async (string user, IConsentLedger ledger) =>
        {
            await ledger.AppendAsync(user, [ConsentChange.Withdraw("marketing.offers")], new ConsentAppendOptions { Source = "web-form" });
            return Results.NoContent();
        });
        app.MapPost("/offers", (ClaimsPrincipal user, ILogger<Offers> logger) =>
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
            Offers.Mailed(logger, Emails[id]);
            return Results.Accepted();
        }).RequireAuthorization();
        return app;
    }
}

/// <summary>The sample's log lines.</summary>
public sealed partial class Offers
{
    [LoggerMessage(1, LogLevel.Information, "Offer mailed to {Email}")]
    public static partial void Mailed(ILogger logger, [Email] string email);
}

/// <summary>An e-mail address: the policy's <c>contact.email</c>.</summary>
public sealed class EmailAttribute() : PrivacyCategoryAttribute("contact.email");

/// <summary>
/// Demo only: the user named by the <c>X-Demo-User</c> header, if the sample knows them. A real application uses its
/// own sign-in; the middleware reads whatever its authentication puts in the name-identifier claim.
/// </summary>
public sealed class DemoUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers["X-Demo-User"].ToString();
        if (!WebApp.Emails.ContainsKey(user))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
