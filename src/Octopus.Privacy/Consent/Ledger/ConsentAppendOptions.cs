namespace Octopus.Privacy;

/// <summary>How an append to the consent ledger is made: idempotency, optimistic concurrency, and its provenance.</summary>
public sealed record ConsentAppendOptions
{
    /// <summary>The most characters <see cref="Evidence"/> may have.</summary>
    public const int MaxEvidenceLength = 1024;

    /// <summary>The most characters <see cref="IdempotencyKey"/> and <see cref="Source"/> may have.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>
    /// How much later than the ledger's clock <see cref="OccurredAt"/> may be, for clocks that differ between
    /// machines: five minutes. A later moment is refused.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets a key that makes the append idempotent: the same key again records nothing and returns the first
    /// append's result with <see cref="ConsentAppendResult.Duplicate"/> set. Keys are kept as long as the records.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Gets the subject's version the caller last saw; when the ledger holds another, nothing is written and
    /// <see cref="ConsentConflictException"/> is thrown. <see langword="null"/>: append whatever the version.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>
    /// Gets how the consent was captured, for example <c>web-form</c>, <c>e-mail</c>, <c>api</c> or <c>import</c>; at
    /// most <see cref="MaxKeyLength"/> characters of valid Unicode without control, line-separator or bidirectional
    /// formatting characters (refused, so that what is stored is what every reader shows).
    /// </summary>
    public string? Source { get; init; }

    /// <summary>
    /// Gets the notice or form the person saw, for example its id; at most <see cref="MaxEvidenceLength"/> characters,
    /// with the same rules as <see cref="Source"/>.
    /// </summary>
    public string? Evidence { get; init; }

    /// <summary>
    /// Gets when the person acted; <see langword="null"/>: when the ledger records it. At most
    /// <see cref="MaxClockSkew"/> later than the ledger's clock. Every store keeps it in UTC.
    /// </summary>
    public DateTimeOffset? OccurredAt { get; init; }
}
