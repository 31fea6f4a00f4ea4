namespace Octopus.Privacy;

/// <summary>The guard registered by <c>AddOctopusPrivacy</c>: decides by the policy the provider holds now.</summary>
internal sealed class PrivacyGuard : IPrivacyGuard
{
    private readonly IPrivacyPolicyProvider _policies;
    private readonly ConsentSnapshotCache? _consent;
    private readonly DecisionLogWriter? _log;

    public PrivacyGuard(IPrivacyPolicyProvider policies, ConsentSnapshotCache? consent = null, DecisionLogWriter? log = null)
    {
        _policies = Throw.IfNull(policies);
        _consent = consent;
        _log = log;
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
        return consent.TryGet(subjectId, out var state, out var version)
            ? new ValueTask<PolicyDecision>(Decide(subjectId, categories, purpose, recipient, state, version))
            : Loaded(consent, subjectId, categories, purpose, recipient, cancellationToken);
    }

    [ConsentCheck]
    public ValueTask<bool> IsPermittedAsync(string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default)
    {
        var consent = Consent(subjectId, categories);
        return consent.TryGet(subjectId, out var state, out var version)
            ? new ValueTask<bool>(Decide(subjectId, categories, purpose, recipient, state, version).IsPermitted)
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
        var snapshot = await consent.LoadSnapshotAsync(subjectId, cancellationToken).ConfigureAwait(false);
        return Decide(subjectId, categories, purpose, recipient, snapshot.State, snapshot.Version);
    }

    /// <summary>
    /// Decides by the policy in force, counts the decision, and hands the decision log (when one is registered) a
    /// disclosure to a recipient beyond the company and the person, or a denial when the log keeps denials. The log's
    /// queue never blocks and never throws here.
    /// </summary>
    private PolicyDecision Decide(string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, ConsentState state, long version)
    {
        var policy = _policies.Current;
        var decision = policy.Decide(categories, purpose, recipient, state);
        PrivacyTelemetry.Count(decision, purpose, recipient);
        if (_log is { } log && (decision.IsPermitted ? IsDisclosure(recipient) : log.RecordDenied))
        {
            log.Enqueue(new PendingDecision(log.Now, subjectId, [.. categories], purpose, recipient, decision, policy.Name, policy.Version, version));
        }

        return decision;
    }

    /// <summary>Whether data sent to a recipient leaves the company and the person: anyone but <c>internal</c> and <c>subject</c>.</summary>
    private static bool IsDisclosure(string recipient) =>
        !string.Equals(recipient, "internal", StringComparison.Ordinal) && !string.Equals(recipient, "subject", StringComparison.Ordinal);

    private async ValueTask<bool> LoadedIsPermitted(ConsentSnapshotCache consent, string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken) =>
        (await Loaded(consent, subjectId, categories, purpose, recipient, cancellationToken).ConfigureAwait(false)).IsPermitted;
}
