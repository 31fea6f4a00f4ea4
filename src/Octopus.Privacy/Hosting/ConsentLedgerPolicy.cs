using Microsoft.Extensions.DependencyInjection;

namespace Octopus.Privacy;

/// <summary>
/// The policy a ledger registered in a service collection checks names against: the one its options name, else the
/// policy in force (which follows reloads, so that a new version or purpose is accepted once it is in force), else none.
/// </summary>
internal static class ConsentLedgerPolicy
{
    public static Func<PrivacyPolicy?> From(IServiceProvider services, PrivacyPolicy? named)
    {
        if (named is not null)
        {
            return () => named;
        }

        return services.GetService<IPrivacyPolicyProvider>() is { } provider ? () => provider.Current : static () => null;
    }
}
