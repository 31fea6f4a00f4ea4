namespace Octopus.Privacy;

/// <summary>
/// The record an erasure leaves: that a subject's consent evidence and decision log were erased, when, why, and which
/// of the subject's record versions went. It keeps the subject's opaque id (to show that the request was carried out
/// and to tell a later history from the erased one) and nothing the erased records said.
/// </summary>
/// <param name="SubjectId">The subject whose data was erased.</param>
/// <param name="ErasedAt">When the erasure committed, from the ledger's clock.</param>
/// <param name="Reason">Why: the request or legal ground, as the caller gave it (never personal data).</param>
/// <param name="FirstVersion">The first record version erased; 0 when the subject had no records.</param>
/// <param name="LastVersion">The last record version erased; 0 when the subject had no records.</param>
/// <param name="RecordsErased">How many consent records were erased.</param>
/// <param name="DecisionsErased">How many decision-log entries were erased.</param>
public sealed record ConsentErasure(
    string SubjectId,
    DateTimeOffset ErasedAt,
    string Reason,
    long FirstVersion,
    long LastVersion,
    long RecordsErased,
    long DecisionsErased);
