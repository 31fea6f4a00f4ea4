namespace Octopus.Privacy.Tests.Policies;

/// <summary>
/// The evaluation rules of docs/policy-language.md, written as directly as possible: a scan over the rules for
/// every request. The compiled engine must agree with it on every generated policy and request.
/// </summary>
public static class ReferenceEvaluator
{
    public sealed record Expected(bool IsPermitted, DecisionReason Reason, string? RuleId, IReadOnlyList<string> Obligations);

    public static Expected Decide(GeneratedPolicy policy, GeneratedRequest request)
    {
        var consent = request.Consent.ToState();
        if (!policy.Purposes.Any(p => p.Name == request.Purpose))
        {
            return Deny(DecisionReason.UnknownPurpose, null);
        }

        if (!policy.Recipients.Contains(request.Recipient))
        {
            return Deny(DecisionReason.UnknownRecipient, null);
        }

        if (request.Categories.FirstOrDefault(c => !policy.Categories.Any(k => k.Name == c)) is not null)
        {
            return Deny(DecisionReason.UnknownCategory, null);
        }

        var obligationOrder = policy.Rules.SelectMany(r => r.Obligations).Distinct().ToList();
        var decisions = request.Categories.Select(c => DecideOne(policy, c, request.Purpose, request.Recipient, consent)).ToList();
        var denied = decisions.FirstOrDefault(d => !d.IsPermitted);
        if (denied is not null)
        {
            return denied;
        }

        var obligations = decisions.SelectMany(d => d.Obligations).Distinct().OrderBy(obligationOrder.IndexOf).ToList();
        return new Expected(true, DecisionReason.Permitted, decisions[0].RuleId, obligations);
    }

    private static Expected DecideOne(GeneratedPolicy policy, string categoryName, string purposeName, string recipient, ConsentState consent)
    {
        var category = policy.Categories.Single(c => c.Name == categoryName);
        var purpose = policy.Purposes.Single(p => p.Name == purposeName);
        var matching = policy.Rules.Where(r =>
            (r.Categories is null || r.Categories.Any(s => categoryName == s || categoryName.StartsWith(s + ".", StringComparison.Ordinal)))
            && (r.Purposes is null || r.Purposes.Contains(purposeName))
            && (r.Recipients is null || r.Recipients.Contains(recipient))
            && (r.Personal is null || r.Personal == category.Personal)).ToList();

        var forbid = matching.FirstOrDefault(r => r.Effect == RuleEffect.Forbid);
        if (forbid is not null)
        {
            return Deny(DecisionReason.Forbidden, forbid.Id);
        }

        var permits = matching.Where(r => r.Effect == RuleEffect.Permit).ToList();
        if (permits.Count == 0)
        {
            return Deny(DecisionReason.NoApplicableRule, null);
        }

        var status = consent.StatusOf(purposeName);
        var accepted = consent.AcceptedPolicyVersion is { } version && policy.AcceptedVersions.Contains(version);
        ConsentMode ModeOf(GeneratedRule rule) => !category.Personal
            ? ConsentMode.None
            : (ConsentMode)Math.Max((int)purpose.Consent, (int)(rule.Consent ?? ConsentMode.None));
        bool Met(ConsentMode mode) => mode switch
        {
            ConsentMode.None => true,
            ConsentMode.OptOut => status == ConsentStatus.Granted || (status == ConsentStatus.Unknown && accepted),
            _ => status == ConsentStatus.Granted,
        };

        var met = permits.Where(r => Met(ModeOf(r))).ToList();
        if (met.Count > 0)
        {
            return new Expected(true, DecisionReason.Permitted, met[0].Id, [.. met.SelectMany(r => r.Obligations).Distinct()]);
        }

        var leastStrict = permits.MinBy(r => (int)ModeOf(r))!;
        var reason = status == ConsentStatus.Withdrawn ? DecisionReason.ConsentWithdrawn
            : ModeOf(leastStrict) == ConsentMode.OptOut ? DecisionReason.PolicyNotAccepted
            : DecisionReason.ConsentRequired;
        return Deny(reason, leastStrict.Id);
    }

    private static Expected Deny(DecisionReason reason, string? ruleId) => new(false, reason, ruleId, []);
}
