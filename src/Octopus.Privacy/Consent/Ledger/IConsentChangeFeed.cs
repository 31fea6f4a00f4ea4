namespace Octopus.Privacy;

/// <summary>
/// A consent ledger that tells which subject an append changed, so that the guard's snapshot cache drops that subject
/// at once instead of waiting for <c>PrivacyOptions.ConsentCacheDuration</c>. Every store in these packages
/// implements it; a store written elsewhere should, on the same <see cref="IConsentLedger"/> object it registers.
/// </summary>
public interface IConsentChangeFeed
{
    /// <summary>
    /// Occurs after an append of a subject committed: in this process, or, for a store shared between processes,
    /// in another one that it heard of. <see cref="ConsentChangedEventArgs.SubjectId"/> is <see langword="null"/> when
    /// any subject may have changed unseen (the store's notifications were interrupted). Raised after the commit, never
    /// for an append that wrote nothing (a duplicate, a refusal); handlers must be quick and must not throw.
    /// </summary>
    event EventHandler<ConsentChangedEventArgs>? SubjectChanged;
}
