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

    /// <summary>
    /// Decides a use of a subject's data with the consent the consent ledger records for the subject. A warm decision
    /// reads no database: the subject's snapshot is cached for <see cref="PrivacyOptions.ConsentCacheDuration"/>.
    /// </summary>
    /// <param name="subjectId">The subject, as the ledger knows it.</param>
    /// <param name="categories">The data categories involved; at least one.</param>
    /// <param name="purpose">The purpose of the use.</param>
    /// <param name="recipient">Who receives the data.</param>
    /// <param name="cancellationToken">Cancels a read of the ledger.</param>
    /// <returns>The decision, with its reason and explanation.</returns>
    /// <exception cref="InvalidOperationException">No consent ledger is registered.</exception>
    /// <exception cref="ArgumentException">The subject id or the categories are invalid.</exception>
    /// <remarks>
    /// With the decision log registered (<c>AddPrivacyDecisionLog</c>), the guard of <c>AddOctopusPrivacy</c> records a
    /// permitted disclosure to a recipient other than <c>internal</c> and <c>subject</c> in the background, without
    /// waiting. The default implementation, for guards written before decisions by subject existed, throws
    /// <see cref="InvalidOperationException"/>: such a guard has no ledger to read.
    /// </remarks>
    [ConsentCheck]
    ValueTask<PolicyDecision> CheckAsync(string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"{GetType().Name} does not decide by subject id. Use the guard that AddOctopusPrivacy() registers, with a consent ledger (services.AddSqliteConsentLedger(connectionString) or services.AddInMemoryConsentLedger()).");

    /// <summary>Decides a use of a subject's data with the consent the ledger records, and tells whether it is permitted.</summary>
    /// <param name="subjectId">The subject, as the ledger knows it.</param>
    /// <param name="categories">The data categories involved; at least one.</param>
    /// <param name="purpose">The purpose of the use.</param>
    /// <param name="recipient">Who receives the data.</param>
    /// <param name="cancellationToken">Cancels a read of the ledger.</param>
    /// <returns><see langword="true"/> when the use is permitted.</returns>
    /// <exception cref="InvalidOperationException">No consent ledger is registered.</exception>
    /// <exception cref="ArgumentException">The subject id or the categories are invalid.</exception>
    [ConsentCheck]
    ValueTask<bool> IsPermittedAsync(string subjectId, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default)
    {
        var decision = CheckAsync(subjectId, categories, purpose, recipient, cancellationToken);
        return decision.IsCompletedSuccessfully ? new ValueTask<bool>(decision.Result.IsPermitted) : Permitted(decision);

        static async ValueTask<bool> Permitted(ValueTask<PolicyDecision> pending) => (await pending.ConfigureAwait(false)).IsPermitted;
    }
}
