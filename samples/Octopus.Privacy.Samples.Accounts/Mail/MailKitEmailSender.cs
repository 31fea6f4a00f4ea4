using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using MimeKit;
using Octopus.Privacy.Samples.Accounts.Identity;

namespace Octopus.Privacy.Samples.Accounts.Mail;

/// <summary>
/// Identity's e-mail sender over an SMTP relay (a processor, in the policy's terms). It sends what it is given; the
/// callers check consent before they give it an address.
/// </summary>
public sealed class MailKitEmailSender(MailSettings settings) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your account", "Confirm your account: " + confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your password", "Reset your password: " + resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, "Reset your password", "Your code: " + resetCode);

    private async Task SendAsync(string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };

        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }
}
