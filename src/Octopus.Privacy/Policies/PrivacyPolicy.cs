using Octopus.Privacy.Policies.Compilation;
using Octopus.Privacy.Policies.Evaluation;
using Octopus.Privacy.Policies.Validation;

namespace Octopus.Privacy;

/// <summary>
/// A privacy policy: a vocabulary of data categories, purposes and recipients, and rules that permit or forbid
/// uses of data. Immutable and safe to share between threads; parse it once and evaluate it as often as needed.
/// </summary>
/// <remarks>
/// Evaluation fails closed: unknown names, unmet consent and the absence of a permitting rule are denials with a
/// reason, never exceptions. See <c>docs/policy-language.md</c> for the document format and evaluation rules.
/// </remarks>
public sealed partial class PrivacyPolicy
{
    private readonly PolicyDefinition _definition;

    private PrivacyPolicy(PolicyDefinition definition)
    {
        _definition = definition;
        Evaluator = new PolicyEvaluator(new CompiledPolicy(definition));
    }

    /// <summary>Gets Octopus Group's published privacy policy, the embedded default.</summary>
    public static PrivacyPolicy OctopusGroup => EmbeddedPolicy.Instance;

    /// <summary>Gets the name of the policy.</summary>
    public string Name => _definition.Name;

    /// <summary>Gets the version of the policy.</summary>
    public string Version => _definition.Version;

    /// <summary>Gets the description of the policy, or <see langword="null"/>.</summary>
    public string? Description => _definition.Description;

    /// <summary>Gets the policy versions whose acceptance still counts; always includes <see cref="Version"/>.</summary>
    public IReadOnlyList<string> AcceptedVersions => _definition.AcceptedVersions;

    /// <summary>Gets the declared data categories, in document order.</summary>
    public IReadOnlyList<PolicyCategory> Categories => _definition.Categories;

    /// <summary>Gets the declared purposes, in document order.</summary>
    public IReadOnlyList<PolicyPurpose> Purposes => _definition.Purposes;

    /// <summary>Gets the declared recipients, in document order.</summary>
    public IReadOnlyList<PolicyRecipient> Recipients => _definition.Recipients;

    /// <summary>Gets the rules, in document order.</summary>
    public IReadOnlyList<PolicyRule> Rules => _definition.Rules;

    internal PolicyEvaluator Evaluator { get; }

    /// <summary>Decides a request.</summary>
    /// <param name="request">The categories, purpose, recipient and consent state.</param>
    /// <returns>The decision; unknown names and unmet conditions are denials, never exceptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request names no category.</exception>
    public PolicyDecision Evaluate(DataUseRequest request)
    {
        Throw.IfNull(request);
        var categories = request.Categories;
        if (categories is null || categories.Count == 0)
        {
            throw new ArgumentException("A request must name at least one data category.", nameof(request));
        }

        return Decide(categories, request.Purpose, request.Recipient, request.Consent ?? ConsentState.None);
    }

    /// <summary>Decides a use for a consent state without a request object: the guard's path by subject.</summary>
    internal PolicyDecision Decide(IReadOnlyList<string> categories, string? purposeName, string? recipientName, ConsentState consent)
    {
        var evaluator = Evaluator;
        var compiled = evaluator.Policy;
        if (!compiled.TryGetPurpose(purposeName, out var purpose))
        {
            return new PolicyDecision(evaluator.UnknownPurpose, purposeName ?? "(null)");
        }

        if (!compiled.TryGetRecipient(recipientName, out var recipient))
        {
            return new PolicyDecision(evaluator.UnknownRecipient, recipientName ?? "(null)");
        }

        var level = ConsentLevels.LevelOf(consent, purposeName!, compiled.AcceptedVersions);
        return evaluator.Decide(categories, purpose, recipient, level);
    }

    /// <summary>
    /// Resolves a request's categories, purpose and recipient once, so that deciding it for a consent state costs
    /// no lookups and no allocation. Unknown names give a prepared request that always denies.
    /// </summary>
    /// <param name="categories">The data categories involved; at least one.</param>
    /// <param name="purpose">The purpose of the use.</param>
    /// <param name="recipient">Who receives the data.</param>
    /// <returns>The prepared request.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="categories"/> is empty.</exception>
    public PreparedRequest Prepare(IReadOnlyList<string> categories, string purpose, string recipient)
    {
        Throw.IfNull(categories);
        Throw.IfNull(purpose);
        Throw.IfNull(recipient);
        if (categories.Count == 0)
        {
            throw new ArgumentException("A request must name at least one data category.", nameof(categories));
        }

        var evaluator = Evaluator;
        var compiled = evaluator.Policy;
        PolicyDecision[] decisions;
        if (!compiled.TryGetPurpose(purpose, out var purposeIndex))
        {
            decisions = [new PolicyDecision(evaluator.UnknownPurpose, purpose)];
        }
        else if (!compiled.TryGetRecipient(recipient, out var recipientIndex))
        {
            decisions = [new PolicyDecision(evaluator.UnknownRecipient, recipient)];
        }
        else
        {
            decisions = new PolicyDecision[ConsentLevels.Count];
            for (var level = 0; level < decisions.Length; level++)
            {
                decisions[level] = evaluator.Decide(categories, purposeIndex, recipientIndex, (ConsentLevel)level);
            }

            if (Array.TrueForAll(decisions, d => d == decisions[0] && d.Explanation == decisions[0].Explanation))
            {
                decisions = [decisions[0]];
            }
        }

        return new PreparedRequest(compiled.AcceptedVersions, purpose, decisions);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Version}";
}
