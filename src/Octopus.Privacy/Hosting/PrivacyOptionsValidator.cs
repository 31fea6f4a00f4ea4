using Microsoft.Extensions.Options;

namespace Octopus.Privacy;

/// <summary>Checks <see cref="PrivacyOptions"/> at start-up, including that the policy file loads; the loaded policy is kept for the provider.</summary>
internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    private readonly StartupPolicyCache _startup;

    public PrivacyOptionsValidator(StartupPolicyCache startup)
    {
        _startup = Throw.IfNull(startup);
    }

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        Throw.IfNull(options);
        var failures = new List<string>();
        if (options.ReloadDelay < TimeSpan.Zero || options.ReloadDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{nameof(PrivacyOptions.ReloadDelay)} must be between zero and one minute; it is {options.ReloadDelay}.");
        }

        if (options.ConsentCacheDuration < TimeSpan.Zero || options.ConsentCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{nameof(PrivacyOptions.ConsentCacheDuration)} must be between zero (no cache) and one hour; it is {options.ConsentCacheDuration}.");
        }

        if (options.ConsentCacheSize < 1)
        {
            failures.Add($"{nameof(PrivacyOptions.ConsentCacheSize)} must be at least 1; it is {options.ConsentCacheSize}.");
        }

        if (options.PolicyPath is { } path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                failures.Add($"{nameof(PrivacyOptions.PolicyPath)} must not be empty; leave it null to use the embedded Octopus Group policy.");
            }
            else
            {
                try
                {
                    _startup.Load(path);
                }
                catch (PolicyValidationException ex)
                {
                    failures.Add(ex.Message);
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
