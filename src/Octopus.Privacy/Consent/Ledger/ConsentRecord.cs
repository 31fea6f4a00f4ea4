namespace Octopus.Privacy;

/// <summary>One record of the consent ledger: what a person did, when, how, and where it stands in the ledger.</summary>
/// <param name="SubjectId">The subject, an internal id (never an e-mail address).</param>
/// <param name="Version">The record's number among the subject's records: 1, 2, 3... with no gaps.</param>
/// <param name="Position">The record's position in the whole ledger; only grows.</param>
/// <param name="Change">What the person did.</param>
/// <param name="OccurredAt">When the person acted.</param>
/// <param name="RecordedAt">When the ledger recorded it.</param>
/// <param name="Source">How the consent was captured, if said.</param>
/// <param name="Evidence">The notice or form the person saw, if said.</param>
public sealed record ConsentRecord(
    string SubjectId,
    long Version,
    long Position,
    ConsentChange Change,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? Source,
    string? Evidence);
