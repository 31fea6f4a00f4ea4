using Microsoft.Extensions.DependencyInjection.Extensions;
using Octopus.Privacy;
using Octopus.Privacy.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite consent ledger.</summary>
public static class SqliteConsentLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="SqliteConsentLedger"/> on the file the connection string names as the
    /// <see cref="IConsentLedger"/> the guard decides by subject with. The ledger refuses purposes and policy versions
    /// that the policy in force does not define. Does nothing when a ledger is already registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">A SQLite connection string naming the ledger's file: <c>Data Source=consent.db</c>.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed or names no file.</exception>
    public static IServiceCollection AddSqliteConsentLedger(this IServiceCollection services, string connectionString) =>
        AddSqliteConsentLedger(services, connectionString, new SqliteConsentLedgerOptions());

    /// <summary>
    /// Registers a <see cref="SqliteConsentLedger"/> on the file the connection string names, with the given
    /// durability and waiting settings. The connection string and the options are checked here, where a mistake is
    /// made, not when the first decision needs the ledger. Does nothing when a ledger is already registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">A SQLite connection string naming the ledger's file: <c>Data Source=consent.db</c>.</param>
    /// <param name="options">
    /// The durability and waiting settings. <see cref="SqliteConsentLedgerOptions.Policy"/>, when set, is used; when
    /// it is not, the policy in force (<c>AddOctopusPrivacy</c>) is.
    /// </param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed, names no file or an in-memory database.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The busy timeout is negative.</exception>
    public static IServiceCollection AddSqliteConsentLedger(this IServiceCollection services, string connectionString, SqliteConsentLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        // Checked now, where the mistake is, not when the first decision needs the ledger.
        new SqliteConsentLedger(connectionString, options, null).Dispose();
        services.TryAddSingleton<IConsentLedger>(sp => new SqliteConsentLedger(
            connectionString,
            options with { PolicySource = ConsentLedgerPolicy.From(sp, options.Policy) },
            sp.GetService<TimeProvider>()));
        return services;
    }
}
