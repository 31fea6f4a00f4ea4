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
    public static IServiceCollection AddSqliteConsentLedger(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Checked now, where the mistake is, not when the first decision needs the ledger.
        new SqliteConsentLedger(connectionString).Dispose();
        services.TryAddSingleton<IConsentLedger>(sp => new SqliteConsentLedger(
            connectionString,
            new SqliteConsentLedgerOptions { PolicySource = ConsentLedgerPolicy.From(sp, null) },
            sp.GetService<TimeProvider>()));
        return services;
    }
}
