using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Octopus.Privacy.Analyzers.Tests.Samples;

/// <summary>
/// samples/Octopus.Privacy.Samples.Accounts, code as real ASP.NET Core applications write it (Identity, MailKit behind
/// Identity's e-mail sender, RestSharp, [LoggerMessage] with a data classification): clean as written, and exactly the
/// planted leaks (lines marked "// leak") when compiled with LEAKY, as its leaky twin project is.
/// </summary>
public sealed class AccountsSampleTests
{
    [Fact]
    public async Task The_accounts_sample_has_no_findings()
    {
        var diagnostics = await AnalyzeAsync(leaky: false);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task The_leaky_accounts_sample_has_exactly_its_planted_leaks()
    {
        var diagnostics = await AnalyzeAsync(leaky: true);

        Assert.Equal(
            [
                ("OPRIV001", 39, "UserManager.GetEmailAsync() (contact.email) is written to a log by 'LoggerExtensions.LogInformation'"),
                ("OPRIV002", 55, "IdentityUser.Email (contact.email) is sent to an e-mail recipient by 'IEmailSender.SendPasswordResetCodeAsync → MailKitEmailSender.SendAsync → MailTransport.SendAsync'"),
                ("OPRIV001", 56, "IdentityUser.UserName (identity.name) is written to a log by 'Log.SignedIn'"),
                ("OPRIV002", 70, "ApplicationUser.DisplayName (personal data), IdentityUser.Email (contact.email), IdentityUser.PhoneNumber (contact.phone) and 1 more is sent to a method that requires consent by 'CrmClient.PushContactAsync'"),
            ],
            diagnostics
                .Select(d => (d.Id, Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                .OrderBy(d => d.Line)
                .Select(d => (d.Id, d.Line, d.Message[..d.Message.IndexOf(" with no consent check", StringComparison.Ordinal)])));
        Assert.All(diagnostics, d => Assert.Contains("// leak", d.Location.SourceTree!.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString(), StringComparison.Ordinal));
    }

    // The [LoggerMessage] bodies come from the logging source generator, which the real build runs (CS8795 here).
    private static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(bool leaky) =>
        SampleCompilation.AnalyzeAsync(
            "Octopus.Privacy.Samples.Accounts",
            leaky,
            [
                .. References.Libraries.Value,
                MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute).Assembly.Location),
            ],
            "CS8795");
}
