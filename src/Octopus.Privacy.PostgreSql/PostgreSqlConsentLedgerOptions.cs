namespace Octopus.Privacy.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlConsentLedger"/> keeps its tables and how it hears of other processes' appends.</summary>
public sealed record PostgreSqlConsentLedgerOptions
{
    /// <summary>The schema the ledger uses when none is named.</summary>
    public const string DefaultSchema = "octopus_privacy";

    /// <summary>The most characters a schema name may have.</summary>
    public const int MaxSchemaLength = 48;

    /// <summary>
    /// Gets the schema that holds the ledger's tables, created on first use: lower-case letters, digits and
    /// underscores, starting with a letter or an underscore, at most <see cref="MaxSchemaLength"/> characters. Services
    /// sharing one ledger name the same schema; the schema is the ledger's alone.
    /// </summary>
    /// <value>The default is <c>octopus_privacy</c>.</value>
    public string Schema { get; init; } = DefaultSchema;

    /// <summary>
    /// Gets a value indicating whether the ledger keeps one connection that <c>LISTEN</c>s for appends made by other
    /// processes, so that the guard's cache drops a subject the moment another service records a change for it.
    /// Without it, a change made elsewhere is seen when the cached snapshot expires
    /// (<see cref="PrivacyOptions.ConsentCacheDuration"/>).
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool ListenForChanges { get; init; } = true;

    /// <summary>
    /// Gets the longest wait between two attempts to connect the listening connection again after it was lost; the
    /// first attempt is immediate and the waits double up to this.
    /// </summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets the policy the ledger is used with: a grant or withdrawal of a purpose it does not define, or the acceptance
    /// of a version it does not accept, is refused. <see langword="null"/> (the default): names are checked only for
    /// their form, unless the ledger is registered with <c>AddPostgreSqlConsentLedger</c> beside <c>AddOctopusPrivacy</c>,
    /// where the policy in force is used.
    /// </summary>
    public PrivacyPolicy? Policy { get; init; }

    /// <summary>Gets the policy in force, for a ledger registered in a service collection; wins over <see cref="Policy"/>.</summary>
    internal Func<PrivacyPolicy?>? PolicySource { get; init; }

    /// <summary>Why the options cannot be used, or <see langword="null"/>.</summary>
    internal string? Problem()
    {
        if (Schema is null || Schema.Length is 0 or > MaxSchemaLength)
        {
            return $"The schema name has 1 to {MaxSchemaLength} characters.";
        }

        if (!(Schema[0] is '_' or (>= 'a' and <= 'z')) || !Schema.All(c => c is '_' or (>= 'a' and <= 'z') or (>= '0' and <= '9')))
        {
            return $"The schema name '{Schema}' is not lower-case letters, digits and underscores starting with a letter or an underscore.";
        }

        if (Schema.StartsWith("pg_", StringComparison.Ordinal))
        {
            return $"The schema name '{Schema}' is reserved by PostgreSQL (pg_...).";
        }

        return MaxReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay > TimeSpan.FromHours(1)
            ? "The longest reconnection delay is more than zero and at most an hour."
            : null;
    }
}
