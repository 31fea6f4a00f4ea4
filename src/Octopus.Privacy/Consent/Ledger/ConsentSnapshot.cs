namespace Octopus.Privacy;

/// <summary>A subject's consent as the ledger holds it.</summary>
/// <param name="SubjectId">The subject.</param>
/// <param name="State">The fold of the subject's records, in order.</param>
/// <param name="Version">The version of the subject's last record; 0 when nothing is recorded.</param>
public sealed record ConsentSnapshot(string SubjectId, ConsentState State, long Version);
