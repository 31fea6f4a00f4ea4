using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Octopus.Privacy.Tests.Policies;

/// <summary>The laws of the policy model, checked over generated policies, requests and consent states.</summary>
public sealed class PolicyLawsProperties
{
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public Property Engine_decides_exactly_as_the_reference_evaluator(Scenario scenario) =>
        AllRequests(scenario, request =>
        {
            var actual = scenario.Policy.Policy.Evaluate(request.ToRequest());
            var expected = ReferenceEvaluator.Decide(scenario.Policy, request);
            return actual.IsPermitted == expected.IsPermitted
                && actual.Reason == expected.Reason
                && actual.RuleId == expected.RuleId
                && actual.Obligations.SequenceEqual(expected.Obligations);
        });

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property A_matching_forbid_always_denies(Scenario scenario) =>
        AllRequests(scenario, request =>
        {
            var policy = scenario.Policy;
            if (!policy.Categories.Any(c => c.Name == request.Categories[0])
                || !policy.Purposes.Any(p => p.Name == request.Purpose)
                || !policy.Recipients.Contains(request.Recipient))
            {
                return true;
            }

            var forbid = new GeneratedRule("matching-forbid", RuleEffect.Forbid, [request.Categories[0]], [request.Purpose], [request.Recipient], null, null, []);
            var withForbid = policy.WithRules(policy.Rules.Append(forbid));
            var decision = withForbid.Policy.Evaluate(request.ToRequest());
            return !decision.IsPermitted
                && (request.Categories.Length > 1 || decision.Reason == DecisionReason.Forbidden);
        });

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property Adding_a_forbid_never_turns_a_deny_into_a_permit(ForbidScenario case_)
    {
        var policy = case_.Scenario.Policy;
        var rules = policy.Rules.ToList();
        rules.Insert(case_.Position, case_.Forbid);
        var withForbid = policy.WithRules(rules);
        return AllRequests(case_.Scenario, request =>
            !withForbid.Policy.Evaluate(request.ToRequest()).IsPermitted || policy.Policy.Evaluate(request.ToRequest()).IsPermitted);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property A_policy_without_rules_denies_everything(Scenario scenario)
    {
        var empty = scenario.Policy.WithRules([]);
        return AllRequests(scenario, request => !empty.Policy.Evaluate(request.ToRequest()).IsPermitted);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property Granting_the_purpose_never_turns_a_permit_into_a_deny(Scenario scenario) =>
        AllRequests(scenario, request =>
        {
            var before = scenario.Policy.Policy.Evaluate(request.ToRequest());
            var after = scenario.Policy.Policy.Evaluate(request.ToRequest() with { Consent = request.Consent.ToState().Grant(request.Purpose) });
            return !before.IsPermitted || after.IsPermitted;
        });

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property Accepting_a_listed_version_never_turns_a_permit_into_a_deny(Scenario scenario) =>
        AllRequests(scenario, request => scenario.Policy.AcceptedVersions.All(version =>
        {
            var before = scenario.Policy.Policy.Evaluate(request.ToRequest());
            var after = scenario.Policy.Policy.Evaluate(request.ToRequest() with { Consent = request.Consent.ToState().AcceptPolicy(version) });
            return !before.IsPermitted || after.IsPermitted;
        }));

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property Withdrawing_the_purpose_never_turns_a_deny_into_a_permit(Scenario scenario) =>
        AllRequests(scenario, request =>
        {
            var before = scenario.Policy.Policy.Evaluate(request.ToRequest());
            var after = scenario.Policy.Policy.Evaluate(request.ToRequest() with { Consent = request.Consent.ToState().Withdraw(request.Purpose) });
            return before.IsPermitted || !after.IsPermitted;
        });

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property A_multi_category_request_is_permitted_exactly_when_each_category_alone_is(Scenario scenario) =>
        AllRequests(scenario, request =>
        {
            var together = scenario.Policy.Policy.Evaluate(request.ToRequest()).IsPermitted;
            var each = request.Categories.All(c => scenario.Policy.Policy.Evaluate(request.ToRequest() with { Categories = [c] }).IsPermitted);
            return together == each;
        });

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property Prepared_and_direct_evaluation_always_agree(Scenario scenario) =>
        AllRequests(scenario, request =>
        {
            var direct = scenario.Policy.Policy.Evaluate(request.ToRequest());
            var prepared = scenario.Policy.Policy.Prepare(request.Categories, request.Purpose, request.Recipient).Evaluate(request.Consent.ToState());
            return direct == prepared && direct.Reason == prepared.Reason && direct.Explanation == prepared.Explanation;
        });

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 50)]
    public Property Parallel_evaluation_equals_serial_evaluation(Scenario scenario)
    {
        // A fresh parse, so that the parallel run is also the one that fills the decision table.
        var parallelPolicy = PrivacyPolicy.Parse(scenario.Policy.ToJson());
        var work = Enumerable.Range(0, 16).SelectMany(_ => scenario.Requests.Select((r, i) => (r, i))).ToArray();
        var parallel = new ConcurrentBag<(int Index, PolicyDecision Decision)>();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, item => parallel.Add((item.i, parallelPolicy.Evaluate(item.r.ToRequest()))));
        var serial = scenario.Requests.Select(r => scenario.Policy.Policy.Evaluate(r.ToRequest())).ToArray();
        return parallel.All(p => p.Decision == serial[p.Index] && p.Decision.Explanation == serial[p.Index].Explanation)
            .Label("parallel decisions differ from serial ones");
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public Property A_policy_written_by_ToJson_decides_every_request_as_the_original(Scenario scenario)
    {
        var copy = PrivacyPolicy.Parse(scenario.Policy.Policy.ToJson());
        return AllRequests(scenario, request =>
        {
            var original = scenario.Policy.Policy.Evaluate(request.ToRequest());
            var reparsed = copy.Evaluate(request.ToRequest());
            return original == reparsed && original.Explanation == reparsed.Explanation;
        });
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public Property Nothing_but_a_validation_exception_escapes_parsing_a_damaged_document(MutatedDocument document)
    {
        try
        {
            var policy = PrivacyPolicy.Parse(document.Mutated);
            return (policy.Categories.Count > 0).Label("a parsed policy has a vocabulary");
        }
        catch (PolicyValidationException ex)
        {
            return (ex.Problems.Count > 0 && ex.Problems.All(p => !string.IsNullOrWhiteSpace(p.Message) && p.Path.StartsWith('$')))
                .Label("every problem has a path and a message");
        }
    }

    private static Property AllRequests(Scenario scenario, Func<GeneratedRequest, bool> law)
    {
        foreach (var request in scenario.Requests)
        {
            if (!law(request))
            {
                return false.Label($"fails for {request}");
            }
        }

        return true.ToProperty();
    }
}
