using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Octopus.Privacy.Compliance;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the consent-aware redaction.</summary>
public static class ConsentRedactionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPrivacySubjectAccessor"/> and decorates the <see cref="IRedactorProvider"/> that
    /// <c>AddRedaction(...)</c> registers, whether that is called before or after this (without it, Microsoft's
    /// defaults apply: an erasing fallback). Values classified with an Octopus.Privacy category are then logged in
    /// clear only when the ambient subject's consent and the policy permit the configured purpose and recipient. Also
    /// registers the policy engine (<c>AddOctopusPrivacy</c>) when it is not yet. The options are validated when the
    /// host starts: the purpose and the recipient must be the policy's. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the purpose and recipient of logging; <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddConsentAwareRedaction(this IServiceCollection services, Action<ConsentRedactionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOctopusPrivacy();
        var options = services.AddOptions<ConsentRedactionOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsentRedactionOptions>, ConsentRedactionOptionsValidator>());
        services.TryAddSingleton<PrivacySubjectAccessor>();
        services.TryAddSingleton<IPrivacySubjectAccessor>(static sp => sp.GetRequiredService<PrivacySubjectAccessor>());
        if (services.Any(d => d.ServiceType == typeof(ConsentAwareRedactorProvider)))
        {
            return services;
        }

        // The provider AddRedaction registers (with TryAdd: a later AddRedaction(...) keeps it and only adds its
        // redactors and options) becomes the inner one, built when first needed, as the container would build it.
        services.AddRedaction();
        var inner = services.Last(d => d.ServiceType == typeof(IRedactorProvider));
        services.Remove(inner);
        services.AddSingleton(sp => new ConsentAwareRedactorProvider(Create(sp, inner), sp));
        services.AddSingleton<IRedactorProvider>(static sp => sp.GetRequiredService<ConsentAwareRedactorProvider>());
        return services;
    }

    private static IRedactorProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IRedactorProvider
        ?? (IRedactorProvider?)descriptor.ImplementationFactory?.Invoke(services)
        ?? (IRedactorProvider)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
