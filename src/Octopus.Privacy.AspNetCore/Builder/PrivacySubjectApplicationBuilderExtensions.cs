using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Octopus.Privacy;
using Octopus.Privacy.Compliance;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Makes the authenticated user the ambient privacy subject of a request.</summary>
public static class PrivacySubjectApplicationBuilderExtensions
{
    /// <summary>
    /// For the rest of each request, makes the authenticated user (the value of <paramref name="claimType"/>) the
    /// ambient subject of <see cref="IPrivacySubjectAccessor"/>, so that consent-aware redaction decides by that
    /// person's consent. A request without an authenticated user, or whose claim is not a valid subject id, has no
    /// ambient subject: its classified values are redacted. Place it after <c>UseAuthentication()</c>. Needs
    /// <c>services.AddConsentAwareRedaction()</c>.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="claimType">The claim that holds the subject id; the name identifier by default.</param>
    /// <returns>The application, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IApplicationBuilder UsePrivacySubject(this IApplicationBuilder app, string claimType = ClaimTypes.NameIdentifier)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimType);
        return app.Use(async (context, next) =>
        {
            var subject = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(claimType)?.Value : null;
            if (subject is null || !IsSubjectId(subject))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var accessor = context.RequestServices.GetRequiredService<IPrivacySubjectAccessor>();
            using (await accessor.BeginAsync(subject, context.RequestAborted).ConfigureAwait(false))
            {
                await next(context).ConfigureAwait(false);
            }
        });
    }

    private static bool IsSubjectId(string subject)
    {
        try
        {
            ConsentLedgerRules.CheckSubject(subject);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
