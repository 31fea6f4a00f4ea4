using Microsoft.Extensions.Logging;

namespace Octopus.Privacy.Samples.Accounts.Logging;

/// <summary>
/// The account service's log messages. A classified parameter ([PrivateData]) is redacted by the redactor the host
/// registers for that classification (<c>services.AddRedaction(...)</c>, <c>logging.EnableRedaction()</c>).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Registered user {UserId}")]
    public static partial void Registered(ILogger logger, string userId);

    [LoggerMessage(2, LogLevel.Information, "Password reset requested for {Email}")]
    public static partial void ResetRequested(ILogger logger, [PrivateData] string email);

#if LEAKY
    [LoggerMessage(3, LogLevel.Information, "Signed in as {UserName}")]
    public static partial void SignedIn(ILogger logger, string userName);
#endif
}
