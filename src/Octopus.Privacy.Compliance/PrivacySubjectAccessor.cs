using Microsoft.Extensions.DependencyInjection;

namespace Octopus.Privacy.Compliance;

/// <summary>
/// The ambient subject, kept in an <see cref="AsyncLocal{T}"/>: set by <see cref="BeginAsync"/> before it awaits
/// anything (an <see langword="async"/> method could not set it for its caller), with the consent snapshot filled in
/// once loaded.
/// </summary>
internal sealed class PrivacySubjectAccessor : IPrivacySubjectAccessor
{
    private readonly AsyncLocal<Scope?> _current = new();
    private readonly IServiceProvider _services;

    public PrivacySubjectAccessor(IServiceProvider services)
    {
        _services = services;
    }

    public string? SubjectId => _current.Value?.SubjectId;

    /// <summary>Gets the ambient subject's consent, or null when there is no subject or its snapshot is not (yet) in.</summary>
    public ConsentState? State => _current.Value?.State;

    public ValueTask<IDisposable> BeginAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        var scope = new Scope(this, subjectId, _current.Value);
        _current.Value = scope;
        return LoadAsync(scope, cancellationToken);
    }

    private async ValueTask<IDisposable> LoadAsync(Scope scope, CancellationToken cancellationToken)
    {
        try
        {
            // Resolved here, not at construction: the cache's ledger may log, and logging resolves the redactor provider.
            var cache = _services.GetRequiredService<ConsentSnapshotCache>();
            scope.State = cache.TryGet(scope.SubjectId, out var state)
                ? state
                : await cache.LoadAsync(scope.SubjectId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A ledger that cannot be read must not stop the request: the scope redacts, failing closed.
        catch (Exception)
#pragma warning restore CA1031
        {
            scope.State = null;
        }

        return scope;
    }

    private sealed class Scope(PrivacySubjectAccessor owner, string subjectId, Scope? parent) : IDisposable
    {
        private int _disposed;
        private volatile ConsentState? _state;

        public string SubjectId { get; } = subjectId;

        public ConsentState? State
        {
            get => _state;
            set => _state = value;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner._current.Value = parent;
            }
        }
    }
}
