using Microsoft.Extensions.Options;

namespace Octopus.Privacy;

/// <summary>Checks <see cref="PrivacyOptions"/> at start-up, including that the policy file loads.</summary>
internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        Throw.IfNull(options);
        var failures = new List<string>();
        if (options.ReloadDelay < TimeSpan.Zero || options.ReloadDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{nameof(PrivacyOptions.ReloadDelay)} must be between zero and one minute; it is {options.ReloadDelay}.");
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
                    _ = PrivacyPolicy.Load(path);
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
