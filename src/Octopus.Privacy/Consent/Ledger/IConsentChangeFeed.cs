namespace Octopus.Privacy;

/// <summary>
/// A ledger that tells, in its own process, which subject an append changed, so that the guard's snapshot cache
/// drops it at once instead of waiting for <see cref="PrivacyOptions.ConsentCacheDuration"/>.
/// </summary>
internal interface IConsentChangeFeed
{
    /// <summary>Raised after an append of the subject committed.</summary>
    event Action<string>? SubjectChanged;
}
