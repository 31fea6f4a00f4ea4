namespace Octopus.Privacy;

/// <summary>
/// Where a consent ledger keeps the decision log: the disclosures the guard permitted for each subject, in the
/// ledger's own database, so that an access request can say who received what and an erasure can remove it. Every
/// store in these packages implements it on the <see cref="IConsentLedger"/> object it registers. The guard writes
/// to it from a background writer (<c>AddPrivacyDecisionLog</c>), never on the decision's path.
/// </summary>
public interface IDecisionLog
{
    /// <summary>Appends entries, all or nothing.</summary>
    /// <param name="entries">The entries, each with a subject id the ledger accepts.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write writes nothing.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    /// <exception cref="ArgumentException">An entry is invalid; nothing is written.</exception>
    ValueTask AppendDecisionsAsync(IReadOnlyList<DecisionLogEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reads a subject's entries, oldest first.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<DecisionLogEntry> ReadDecisionsAsync(string subjectId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every entry decided before a moment: the log's retention.</summary>
    /// <param name="before">Entries with <see cref="DecisionLogEntry.DecidedAt"/> earlier than this are deleted.</param>
    /// <param name="cancellationToken">Cancels the deletion; a cancelled deletion deletes nothing.</param>
    /// <returns>How many entries were deleted.</returns>
    ValueTask<long> DeleteDecisionsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
