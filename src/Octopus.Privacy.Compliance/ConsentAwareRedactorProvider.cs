using System.Collections.Concurrent;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Octopus.Privacy.Policies.Validation;

namespace Octopus.Privacy.Compliance;

/// <summary>
/// Decorates the application's <see cref="IRedactorProvider"/>: a set of Octopus.Privacy classifications is passed in
/// clear when the ambient subject's consent and the policy permit the configured use, and otherwise gets exactly the
/// redactor the inner provider gives it. Other sets go to the inner provider unchanged. It never throws and never
/// logs: it runs inside the logging pipeline.
/// </summary>
internal sealed class ConsentAwareRedactorProvider : IRedactorProvider
{
    private const int MaxPlans = 4096;
    private const string Prefix = PrivacyTaxonomy.Name + ":";

    private readonly IRedactorProvider _inner;
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<DataClassificationSet, Plan> _plans = new();
    private Dependencies? _dependencies;

    public ConsentAwareRedactorProvider(IRedactorProvider inner, IServiceProvider services)
    {
        _inner = inner;
        _services = services;
    }

    public Redactor GetRedactor(DataClassificationSet classifications)
    {
        try
        {
            var plan = _plans.TryGetValue(classifications, out var known) ? known : Read(classifications);
            if (plan.Categories is null)
            {
                return _inner.GetRedactor(classifications);
            }

            // Resolved at the first call, never at construction: the policy provider, the guard's cache and the
            // ledger can log, and the logger factory that EnableRedaction installs depends on this provider.
            var dependencies = _dependencies ??= new Dependencies(_services);
            if (dependencies.Accessor.State is not { } state)
            {
                return _inner.GetRedactor(classifications);
            }

            if (plan.For(dependencies.Policies.Current, dependencies.Options.Purpose, dependencies.Options.Recipient) is not { } prepared)
            {
                return _inner.GetRedactor(classifications);
            }

            var decision = prepared.Evaluate(state);
            PrivacyTelemetry.Count(decision, dependencies.Options.Purpose, dependencies.Options.Recipient);
            return decision.IsPermitted ? PassThroughRedactor.Instance : _inner.GetRedactor(classifications);
        }
#pragma warning disable CA1031 // Anything unexpected fails closed: the inner provider's redactor, or erasure.
        catch (Exception)
        {
            try
            {
                return _inner.GetRedactor(classifications);
            }
            catch (Exception)
            {
                return ErasingRedactor.Instance;
            }
        }
#pragma warning restore CA1031
    }

    /// <summary>
    /// The categories of a set whose classifications are all Octopus.Privacy ones, read from the set's text and
    /// checked by building the set again from them: a value holding the text's separators cannot pass for two
    /// categories (it reads as unknown, and fails closed).
    /// </summary>
    private Plan Read(DataClassificationSet classifications)
    {
        var plan = new Plan(Categories(classifications));
        if (_plans.Count < MaxPlans)
        {
            _plans.TryAdd(classifications, plan);
        }

        return plan;
    }

    private static string[]? Categories(DataClassificationSet classifications)
    {
        var text = classifications.ToString();
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return null;
        }

        var parts = text[1..^1].Split(',');
        var categories = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!parts[i].StartsWith(Prefix, StringComparison.Ordinal) || !PolicyNames.IsValid(parts[i][Prefix.Length..]))
            {
                return null;
            }

            categories[i] = parts[i][Prefix.Length..];
        }

        return new DataClassificationSet(categories.Select(PrivacyTaxonomy.Category)).Equals(classifications) ? categories : null;
    }

    /// <summary>What a set decides with: its categories, and the request prepared from the policy in force.</summary>
    private sealed class Plan(string[]? categories)
    {
        private volatile Prepared? _prepared;

        public string[]? Categories { get; } = categories;

        /// <summary>The prepared request under this policy, or null when the set holds a secret category (never in clear).</summary>
        public PreparedRequest? For(PrivacyPolicy policy, string purpose, string recipient)
        {
            var prepared = _prepared;
            if (prepared is null || !ReferenceEquals(prepared.Policy, policy))
            {
                prepared = Prepare(policy, Categories!, purpose, recipient);
                _prepared = prepared;
            }

            return prepared.Request;
        }

        // Apart from For, so that its lambdas' captures are allocated only when a policy is prepared, not per call.
        private static Prepared Prepare(PrivacyPolicy policy, string[] categories, string purpose, string recipient)
        {
            var secret = categories.Any(c => policy.Categories.Any(d => d.IsSecret && string.Equals(d.Name, c, StringComparison.Ordinal)));
            return new Prepared(policy, secret ? null : policy.Prepare(categories, purpose, recipient));
        }
    }

    private sealed record Prepared(PrivacyPolicy Policy, PreparedRequest? Request);

    private sealed class Dependencies(IServiceProvider services)
    {
        public IPrivacyPolicyProvider Policies { get; } = services.GetRequiredService<IPrivacyPolicyProvider>();

        public PrivacySubjectAccessor Accessor { get; } = services.GetRequiredService<PrivacySubjectAccessor>();

        public ConsentRedactionOptions Options { get; } = services.GetRequiredService<IOptions<ConsentRedactionOptions>>().Value;
    }
}
