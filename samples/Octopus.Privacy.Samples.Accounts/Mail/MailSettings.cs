namespace Octopus.Privacy.Samples.Accounts.Mail;

/// <summary>Where the SMTP relay is and who mail comes from.</summary>
public sealed class MailSettings
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 587;

    public string From { get; set; } = "noreply@example.invalid";
}
