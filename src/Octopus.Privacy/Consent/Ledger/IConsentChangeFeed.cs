namespace Octopus.Privacy;

/// <summary>
/// A ledger that tells, in its own process, which subject an append changed, so that the guard's snapshot cache
/// drops it at once instead of waiting for <see cref="PrivacyOptions.ConsentCacheDuration"/>.
/// </summary>
internal interface IConsentChangeFeed
{
    /// <summary>
    /// Raised after an append of the subject committed, in this process or, for a shared store, in another one; with
    /// <see langword="null"/> when any subject may have changed unseen (a store's notifications were interrupted).
    /// </summary>
    event Action<string?>? SubjectChanged;
}
