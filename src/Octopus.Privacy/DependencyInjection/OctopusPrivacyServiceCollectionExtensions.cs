using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Octopus.Privacy;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Octopus.Privacy policy engine.</summary>
public static class OctopusPrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPrivacyGuard"/> and <see cref="IPrivacyPolicyProvider"/> with the embedded Octopus Group
    /// policy. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddOctopusPrivacy(this IServiceCollection services) =>
        services.AddOctopusPrivacy(static _ => { });

    /// <summary>
    /// Registers <see cref="IPrivacyGuard"/> and <see cref="IPrivacyPolicyProvider"/>, configured by
    /// <paramref name="configure"/> and validated when the host starts (an invalid policy file stops the start with
    /// every problem listed). Safe to call more than once; configurations apply in order.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the <see cref="PrivacyOptions"/>, such as <see cref="PrivacyOptions.PolicyPath"/>.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddOctopusPrivacy(this IServiceCollection services, Action<PrivacyOptions> configure)
    {
        Throw.IfNull(services);
        Throw.IfNull(configure);

        services.AddOptions<PrivacyOptions>().Configure(configure).ValidateOnStart();
        services.TryAddSingleton<StartupPolicyCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());
        services.TryAddSingleton<IPrivacyPolicyProvider, PrivacyPolicyProvider>();
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            return new ConsentSnapshotCache(sp.GetService<IConsentLedger>(), sp.GetService<TimeProvider>(), options.ConsentCacheDuration, options.ConsentCacheSize);
        });
        services.TryAddSingleton<IPrivacyGuard, PrivacyGuard>();
        services.TryAddSingleton(static sp => new SubjectRights(
            sp.GetRequiredService<ConsentSnapshotCache>().Ledger,
            sp.GetServices<IPersonalDataContributor>(),
            sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Records the guard's decisions by subject in the consent ledger's database: every permitted disclosure to a
    /// recipient other than <c>internal</c> and <c>subject</c> (and denials when <see cref="DecisionLogOptions.RecordDenied"/>
    /// is set), written by a background writer through a bounded queue that never makes a decision wait. Needs a
    /// consent ledger that keeps a log (every store in these packages) or an <see cref="IDecisionLog"/> registered
    /// as such; checked when the host starts. <see cref="SubjectRights.ExportAsync"/> lists the entries.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the <see cref="DecisionLogOptions"/>; <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddPrivacyDecisionLog(this IServiceCollection services, Action<DecisionLogOptions>? configure = null)
    {
        Throw.IfNull(services);
        var options = services.AddOptions<DecisionLogOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DecisionLogOptions>, DecisionLogOptionsValidator>());
        services.TryAddSingleton(static sp => new DecisionLogWriter(
            DecisionLogOptionsValidator.Store(sp) ?? throw new InvalidOperationException(DecisionLogOptionsValidator.NoStore),
            sp.GetRequiredService<IOptions<DecisionLogOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<DecisionLogWriter>>()));
        return services;
    }

    /// <summary>
    /// Registers an <see cref="InMemoryConsentLedger"/> as the <see cref="IConsentLedger"/> the guard decides by
    /// subject with (<see cref="IPrivacyGuard.IsPermittedAsync"/>). Nothing survives the process: for tests, samples
    /// and tools; services use <c>AddSqliteConsentLedger</c> or a PostgreSQL ledger. The ledger refuses purposes and
    /// policy versions that the policy in force (<see cref="IPrivacyPolicyProvider.Current"/>) does not define. Does
    /// nothing when a ledger is already registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddInMemoryConsentLedger(this IServiceCollection services)
    {
        Throw.IfNull(services);
        services.TryAddSingleton<IConsentLedger>(sp => new InMemoryConsentLedger(ConsentLedgerPolicy.From(sp, null), sp.GetService<TimeProvider>()));
        return services;
    }
}
