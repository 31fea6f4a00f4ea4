namespace Octopus.Privacy.Compliance;

/// <summary>
/// The person whose data the current code works on: the ambient subject that the consent-aware redaction decides for.
/// Scopes nest, flow across <see langword="await"/>, and are independent between concurrent requests.
/// </summary>
public interface IPrivacySubjectAccessor
{
    /// <summary>Gets the ambient subject's id, or <see langword="null"/> outside a scope.</summary>
    string? SubjectId { get; }

    /// <summary>
    /// Makes the subject ambient at once and loads its consent snapshot once (through the guard's cache); until the
    /// snapshot is in, and if it cannot be loaded, every redaction in the scope fails closed. Within the scope the
    /// snapshot is stable: a change recorded meanwhile is seen by the next scope.
    /// </summary>
    /// <param name="subjectId">The subject's id.</param>
    /// <param name="cancellationToken">Cancels loading the snapshot; the scope stays, failing closed, until disposed.</param>
    /// <returns>The scope; disposing it restores the scope it was begun in.</returns>
    /// <exception cref="ArgumentException"><paramref name="subjectId"/> is not a valid subject id.</exception>
    ValueTask<IDisposable> BeginAsync(string subjectId, CancellationToken cancellationToken = default);
}
