namespace Octopus.Privacy;

/// <summary>What an append to the consent ledger recorded.</summary>
/// <param name="Version">The subject's version after the append: the version of its last record.</param>
/// <param name="Position">The ledger position of the append's last record.</param>
/// <param name="Duplicate"><see langword="true"/> when the idempotency key had been used: nothing new was written.</param>
public readonly record struct ConsentAppendResult(long Version, long Position, bool Duplicate);
