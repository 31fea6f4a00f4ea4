namespace Octopus.Privacy;

/// <summary>
/// A consent ledger that can erase a subject: the one exception to "history is never rewritten", itself recorded.
/// Every store in these packages implements it on the <see cref="IConsentLedger"/> object it registers.
/// </summary>
public interface IConsentErasure
{
    /// <summary>
    /// Erases a subject's records (their evidence and sources with them), idempotency keys, current consent and
    /// decision-log entries in one transaction, and records the erasure. Afterwards the subject has no consent
    /// (version 0, nothing granted, no policy accepted); a later append starts a new history at version 1. A store
    /// that keeps files removes the erased bytes from them before returning.
    /// </summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="reason">Why: the request or legal ground, 1 to 1,024 characters, no control characters; never personal data.</param>
    /// <param name="cancellationToken">Cancels the erasure before it commits; a cancelled erasure erases nothing.</param>
    /// <returns>The erasure record.</returns>
    /// <exception cref="ArgumentException">The subject id or the reason is invalid; nothing is erased.</exception>
    ValueTask<ConsentErasure> EraseAsync(string subjectId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Reads the erasures recorded for a subject, oldest first.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The erasure records.</returns>
    IAsyncEnumerable<ConsentErasure> ReadErasuresAsync(string subjectId, CancellationToken cancellationToken = default);
}
