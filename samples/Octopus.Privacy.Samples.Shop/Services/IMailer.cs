using Octopus.Privacy;

namespace Octopus.Privacy.Samples.Shop.Services;

/// <summary>The e-mail delivery provider: a contractually bound processor.</summary>
public interface IMailer
{
    [DataRecipient("processor")]
    Task SendAsync(string address, string subject, string body, CancellationToken cancellationToken);
}
