using Microsoft.Extensions.DependencyInjection.Extensions;
using Octopus.Privacy;
using Octopus.Privacy.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL consent ledger.</summary>
public static class PostgreSqlConsentLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="PostgreSqlConsentLedger"/> on the database the connection string names, in the schema
    /// <c>octopus_privacy</c>, as the <see cref="IConsentLedger"/> the guard decides by subject with. The guard's cache
    /// hears of other processes' appends through the ledger's listening connection. The ledger refuses purposes and
    /// policy versions that the policy in force does not define. Does nothing when a ledger is already registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">An Npgsql connection string: <c>Host=db;Database=consent;Username=app;Password=...</c>.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host.</exception>
    public static IServiceCollection AddPostgreSqlConsentLedger(this IServiceCollection services, string connectionString) =>
        AddPostgreSqlConsentLedger(services, connectionString, new PostgreSqlConsentLedgerOptions());

    /// <summary>
    /// Registers a <see cref="PostgreSqlConsentLedger"/> on the database the connection string names, with the
    /// given schema and listening settings. Does nothing when a ledger is already registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The schema and the listening connection's settings.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host, or the options are invalid.</exception>
    public static IServiceCollection AddPostgreSqlConsentLedger(this IServiceCollection services, string connectionString, PostgreSqlConsentLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Checked now, where the mistake is, not when the first decision needs the ledger. Nothing connects yet.
        new PostgreSqlConsentLedger(connectionString, options, null).Dispose();
        services.TryAddSingleton<IConsentLedger>(sp => new PostgreSqlConsentLedger(
            connectionString,
            options with { PolicySource = ConsentLedgerPolicy.From(sp, options.Policy) },
            sp.GetService<TimeProvider>()));
        return services;
    }
}
