namespace Octopus.Privacy;

/// <summary>
/// An append-only record of what each person agreed to, with their current state beside it. Records are numbered
/// per subject (1, 2, 3..., no gaps) and positioned in the whole ledger (only growing); nothing is ever updated or
/// deleted. Subject ids are opaque: use an internal id, never an e-mail address.
/// </summary>
public interface IConsentLedger
{
    /// <summary>Appends changes for a subject, all or nothing, updating its current state in the same write.</summary>
    /// <param name="subjectId">The subject: 1 to 256 characters, no control characters, not only white space.</param>
    /// <param name="changes">The changes, in order; at least one.</param>
    /// <param name="options">Idempotency, expected version and provenance; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the append; a cancelled append writes nothing.</param>
    /// <returns>The subject's version and the ledger position after the append.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing is written.</exception>
    /// <exception cref="ConsentConflictException">The subject is not at <see cref="ConsentAppendOptions.ExpectedVersion"/>.</exception>
    ValueTask<ConsentAppendResult> AppendAsync(string subjectId, IReadOnlyList<ConsentChange> changes, ConsentAppendOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a subject's current consent; version 0 and <see cref="ConsentState.None"/> when nothing is recorded.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    ValueTask<ConsentSnapshot> GetAsync(string subjectId, CancellationToken cancellationToken = default);

    /// <summary>Gets a subject's consent as the ledger held it at a moment: the fold of the records recorded until then.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="asOf">The moment; records with <see cref="ConsentRecord.RecordedAt"/> at or before it count.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot, whose version is that of the last record counted.</returns>
    ValueTask<ConsentSnapshot> GetAsOfAsync(string subjectId, DateTimeOffset asOf, CancellationToken cancellationToken = default);

    /// <summary>Reads a subject's records in version order.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<ConsentRecord> ReadHistoryAsync(string subjectId, CancellationToken cancellationToken = default);

    /// <summary>Reads the ledger's records after a position, in position order.</summary>
    /// <param name="afterPosition">Records with a greater position are returned; 0 for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<ConsentRecord> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default);

    /// <summary>Streams every subject with records whom the policy permits the use for, from the current state.</summary>
    /// <param name="policy">The policy that decides.</param>
    /// <param name="categories">The data categories of the use; at least one.</param>
    /// <param name="purpose">The purpose of the use.</param>
    /// <param name="recipient">Who receives the data.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The subject ids, each once.</returns>
    IAsyncEnumerable<string> FindPermittedSubjectsAsync(PrivacyPolicy policy, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default);
}
