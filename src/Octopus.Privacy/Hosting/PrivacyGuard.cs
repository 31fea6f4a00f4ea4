namespace Octopus.Privacy;

/// <summary>The guard registered by <c>AddOctopusPrivacy</c>: decides by the policy the provider holds now.</summary>
internal sealed class PrivacyGuard : IPrivacyGuard
{
    private readonly IPrivacyPolicyProvider _policies;
    private readonly ConsentSnapshotCache? _consent;

    public PrivacyGuard(IPrivacyPolicyProvider policies, ConsentSnapshotCache? consent = null)
    {
        _policies = Throw.IfNull(policies);
        _consent = consent;
    }

    [ConsentCheck]
    public PolicyDecision Check(DataUseRequest request)
    {
        var decision = _policies.Current.Evaluate(request);
        PrivacyTelemetry.Count(decision, request?.Purpose, request?.Recipient);
        return decision;
    }

    [ConsentCheck]
    public bool IsPermitted(DataUseRequest request) => Check(request).IsPermitted;

    [ConsentCheck]
    public ValueTask<PolicyDecision> CheckAsync(string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default)
    {
        var consent = Consent(subjectId, categories);
        return consent.TryGet(subjectId, out var state)
            ? new ValueTask<PolicyDecision>(Counted(_policies.Current.Decide(categories, purpose, recipient, state), purpose, recipient))
            : Loaded(consent, subjectId, categories, purpose, recipient, cancellationToken);
    }

    [ConsentCheck]
    public ValueTask<bool> IsPermittedAsync(string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default)
    {
        var consent = Consent(subjectId, categories);
        return consent.TryGet(subjectId, out var state)
            ? new ValueTask<bool>(Counted(_policies.Current.Decide(categories, purpose, recipient, state), purpose, recipient).IsPermitted)
            : LoadedIsPermitted(consent, subjectId, categories, purpose, recipient, cancellationToken);
    }

    [ConsentCheck]
    public void Demand(DataUseRequest request)
    {
        var decision = Check(request);
        if (!decision.IsPermitted)
        {
            throw new PrivacyPolicyViolationException(decision);
        }
    }

    private ConsentSnapshotCache Consent(string subjectId, IReadOnlyList<string> categories)
    {
        var consent = _consent ?? throw new InvalidOperationException("This guard was created without a consent ledger; register one with services.AddInMemoryConsentLedger() or services.AddSqliteConsentLedger(connectionString).");

        // Only ids that were checked are cached: the id (and that a ledger is registered) is checked on a miss.
        Throw.IfNull(subjectId);
        Throw.IfNull(categories);
        if (categories.Count == 0)
        {
            throw new ArgumentException("A request must name at least one data category.", nameof(categories));
        }

        return consent;
    }

    private async ValueTask<PolicyDecision> Loaded(ConsentSnapshotCache consent, string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken)
    {
        var state = await consent.LoadAsync(subjectId, cancellationToken).ConfigureAwait(false);
        return Counted(_policies.Current.Decide(categories, purpose, recipient, state), purpose, recipient);
    }

    private static PolicyDecision Counted(PolicyDecision decision, string purpose, string recipient)
    {
        PrivacyTelemetry.Count(decision, purpose, recipient);
        return decision;
    }

    private async ValueTask<bool> LoadedIsPermitted(ConsentSnapshotCache consent, string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken) =>
        (await Loaded(consent, subjectId, categories, purpose, recipient, cancellationToken).ConfigureAwait(false)).IsPermitted;
}
