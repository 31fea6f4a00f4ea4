using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Octopus.Privacy.Samples.Accounts.Crm;
using Octopus.Privacy.Samples.Accounts.Identity;
using Octopus.Privacy.Samples.Accounts.Logging;

namespace Octopus.Privacy.Samples.Accounts;

/// <summary>Registration, password reset and CRM sharing, each behind the consent check the policy asks for.</summary>
public sealed class AccountService(
    UserManager<ApplicationUser> users,
    IEmailSender<ApplicationUser> emailSender,
    CrmClient crm,
    IPrivacyGuard guard,
    ILogger<AccountService> logger)
{
    /// <summary>
    /// Logs the registration by the user's pseudonymous id and mails the confirmation link (service provision) through
    /// the e-mail provider, a processor. The default Octopus Group policy permits no personal data to processors for
    /// service provision (its text discloses none), so a company that mails through a provider adds a rule for it with
    /// <c>contract-required</c> to its own policy and publishes that; the check here is what the analyzer asks for.
    /// </summary>
    public async Task RegisteredAsync(ApplicationUser user, string confirmationLink)
    {
        Log.Registered(logger, user.Id);
        var email = await users.GetEmailAsync(user);
        if (email is null)
        {
            return;
        }

        var mailing = new DataUseRequest(["contact.email"], "service.provision", "processor") { Consent = user.Consent };
        if (guard.IsPermitted(mailing))
        {
            await emailSender.SendConfirmationLinkAsync(user, email, confirmationLink);
        }

#if LEAKY
        logger.LogInformation("Confirmation sent to {Email}", email); // leak: OPRIV001 (UserManager.GetEmailAsync)
#endif
    }

    /// <summary>Mails a reset code; the address in the log message is redacted by the compliance pipeline.</summary>
    public async Task PasswordResetAsync(string address, string code)
    {
        var user = await users.FindByEmailAsync(address);
        if (user is null)
        {
            return;
        }

        Log.ResetRequested(logger, address);
        var mailing = new DataUseRequest(["contact.email"], "request.response", "processor") { Consent = user.Consent };
#if LEAKY
        await emailSender.SendPasswordResetCodeAsync(user, user.Email!, code); // leak: OPRIV002 (Identity's e-mail sender, no consent check)
        Log.SignedIn(logger, user.UserName!); // leak: OPRIV001 ([LoggerMessage] parameter with no classification)
#else
        if (guard.IsPermitted(mailing))
        {
            await emailSender.SendPasswordResetCodeAsync(user, user.Email!, code);
        }
#endif
    }

    /// <summary>Shares the contact with the CRM for marketing, only with the person's consent; the count always.</summary>
    public async Task ShareWithCrmAsync(ApplicationUser user, int signUpsToday, CancellationToken cancellationToken = default)
    {
        var marketing = new DataUseRequest(["contact.email", "identity.name"], "marketing.offers", "processor") { Consent = user.Consent };
#if LEAKY
        await crm.PushContactAsync(user, cancellationToken); // leak: OPRIV002 ([RequiresConsent] CRM push with no check)
#else
        if (guard.IsPermitted(marketing))
        {
            await crm.PushContactAsync(user, cancellationToken);
        }
#endif

        await crm.ReportSignUpsAsync(signUpsToday, cancellationToken);
    }
}
