using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Octopus.Privacy;

/// <summary>Checks <see cref="DecisionLogOptions"/> at start-up, and that a store for the log is registered.</summary>
internal sealed class DecisionLogOptionsValidator : IValidateOptions<DecisionLogOptions>
{
    private readonly IServiceProvider _services;

    public DecisionLogOptionsValidator(IServiceProvider services)
    {
        _services = Throw.IfNull(services);
    }

    /// <summary>The store the log writes to: an <see cref="IDecisionLog"/> registered as such, else the consent ledger when it is one.</summary>
    public static IDecisionLog? Store(IServiceProvider services) =>
        services.GetService<IDecisionLog>() ?? services.GetService<IConsentLedger>() as IDecisionLog;

    public ValidateOptionsResult Validate(string? name, DecisionLogOptions options)
    {
        Throw.IfNull(options);
        var failures = new List<string>();
        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"{nameof(DecisionLogOptions.QueueCapacity)} must be between 1 and 1,000,000; it is {options.QueueCapacity}.");
        }

        if (options.Retention is { } retention && retention < TimeSpan.FromDays(1))
        {
            failures.Add($"{nameof(DecisionLogOptions.Retention)} must be at least one day, or null to keep entries until the subject is erased; it is {retention}.");
        }

        if (Store(_services) is null)
        {
            failures.Add(NoStore);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The error when no store is registered: what to register.</summary>
    public const string NoStore = "The decision log is kept in the consent ledger's database, and no consent ledger that keeps one is registered. "
        + "Register a ledger: services.AddSqliteConsentLedger(connectionString), services.AddPostgreSqlConsentLedger(connectionString) or services.AddInMemoryConsentLedger().";
}
