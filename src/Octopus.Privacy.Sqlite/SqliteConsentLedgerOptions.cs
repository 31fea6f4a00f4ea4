namespace Octopus.Privacy.Sqlite;

/// <summary>Durability and waiting settings of a <see cref="SqliteConsentLedger"/>.</summary>
public sealed record SqliteConsentLedgerOptions
{
    /// <summary>
    /// Gets a value indicating whether every acknowledged append survives a power loss (<c>synchronous=FULL</c>, the
    /// default) or only a crash of the process (<c>synchronous=NORMAL</c> in WAL mode: faster appends, and the last
    /// appends before a power loss or an operating-system crash may be lost).
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool SynchronousFull { get; init; } = true;

    /// <summary>Gets how long a write waits for another process's write to finish before it fails.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
