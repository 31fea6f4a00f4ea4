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

    /// <summary>
    /// Gets the policy the ledger is used with: a grant or withdrawal of a purpose it does not define, or the acceptance
    /// of a version it does not accept, is refused. <see langword="null"/> (the default): names are checked only for
    /// their form, unless the ledger is registered with <c>AddSqliteConsentLedger</c> beside <c>AddOctopusPrivacy</c>,
    /// where the policy in force is used.
    /// </summary>
    public PrivacyPolicy? Policy { get; init; }

    /// <summary>Gets the policy in force, for a ledger registered in a service collection; wins over <see cref="Policy"/>.</summary>
    internal Func<PrivacyPolicy?>? PolicySource { get; init; }
}
