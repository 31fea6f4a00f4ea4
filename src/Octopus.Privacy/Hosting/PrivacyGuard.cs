namespace Octopus.Privacy;

/// <summary>The guard registered by <c>AddOctopusPrivacy</c>: decides by the policy the provider holds now.</summary>
internal sealed class PrivacyGuard : IPrivacyGuard
{
    private readonly IPrivacyPolicyProvider _policies;

    public PrivacyGuard(IPrivacyPolicyProvider policies)
    {
        _policies = Throw.IfNull(policies);
    }

    [ConsentCheck]
    public PolicyDecision Check(DataUseRequest request) => _policies.Current.Evaluate(request);

    [ConsentCheck]
    public bool IsPermitted(DataUseRequest request) => Check(request).IsPermitted;

    [ConsentCheck]
    public void Demand(DataUseRequest request)
    {
        var decision = Check(request);
        if (!decision.IsPermitted)
        {
            throw new PrivacyPolicyViolationException(decision);
        }
    }
}
