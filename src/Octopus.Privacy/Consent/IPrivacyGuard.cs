namespace Octopus.Privacy;

/// <summary>
/// Asks the policy in force whether a use of personal data is allowed. Register it with
/// <c>services.AddOctopusPrivacy()</c>. Every method is a <see cref="ConsentCheckAttribute">consent check</see>
/// for the analyzer.
/// </summary>
public interface IPrivacyGuard
{
    /// <summary>Decides a request.</summary>
    /// <param name="request">The categories, purpose, recipient and consent state.</param>
    /// <returns>The decision, with its reason and explanation.</returns>
    [ConsentCheck]
    PolicyDecision Check(DataUseRequest request);

    /// <summary>Decides a request and tells whether it is permitted.</summary>
    /// <param name="request">The categories, purpose, recipient and consent state.</param>
    /// <returns><see langword="true"/> when the use is permitted.</returns>
    [ConsentCheck]
    bool IsPermitted(DataUseRequest request);

    /// <summary>Decides a request and throws unless it is permitted.</summary>
    /// <param name="request">The categories, purpose, recipient and consent state.</param>
    /// <exception cref="PrivacyPolicyViolationException">The policy denies the use; the exception carries the decision.</exception>
    [ConsentCheck]
    void Demand(DataUseRequest request);
}
