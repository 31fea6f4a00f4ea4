using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Octopus.Privacy.Compliance;

/// <summary>Checks at start that the purpose and the recipient of logging are ones the policy in force defines.</summary>
internal sealed class ConsentRedactionOptionsValidator(IServiceProvider services) : IValidateOptions<ConsentRedactionOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsentRedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = services.GetRequiredService<IPrivacyPolicyProvider>().Current;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Purpose) || !policy.Purposes.Any(p => string.Equals(p.Name, options.Purpose, StringComparison.Ordinal)))
        {
            failures.Add($"{nameof(ConsentRedactionOptions)}.{nameof(ConsentRedactionOptions.Purpose)} '{options.Purpose}' is not a purpose of the policy {policy}; it defines: {string.Join(", ", policy.Purposes.Select(p => p.Name))}.");
        }

        if (string.IsNullOrWhiteSpace(options.Recipient) || !policy.Recipients.Any(r => string.Equals(r.Name, options.Recipient, StringComparison.Ordinal)))
        {
            failures.Add($"{nameof(ConsentRedactionOptions)}.{nameof(ConsentRedactionOptions.Recipient)} '{options.Recipient}' is not a recipient of the policy {policy}; it declares: {string.Join(", ", policy.Recipients.Select(r => r.Name))}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
