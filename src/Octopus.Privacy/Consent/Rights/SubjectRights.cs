using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Octopus.Privacy;

/// <summary>
/// Answers a data subject's requests with one call each: access (<see cref="ExportAsync"/>: consent, history with
/// evidence, disclosures, recipients to notify, the application's own data) and erasure (<see cref="EraseAsync"/>).
/// <c>AddOctopusPrivacy</c> registers it beside the consent ledger; it can also be made over any ledger.
/// </summary>
public sealed class SubjectRights
{
    private readonly IConsentLedger _ledger;
    private readonly IPersonalDataContributor[] _contributors;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="SubjectRights"/> class.</summary>
    /// <param name="ledger">The consent ledger; its decision log and erasure are used when it keeps them (every store in these packages does).</param>
    /// <param name="contributors">The application's own data sources for exports; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock that stamps exports; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two contributors share a name, or a name is empty or too long.</exception>
    public SubjectRights(IConsentLedger ledger, IEnumerable<IPersonalDataContributor>? contributors = null, TimeProvider? timeProvider = null)
    {
        _ledger = Throw.IfNull(ledger);
        _contributors = contributors?.ToArray() ?? [];
        _time = timeProvider ?? TimeProvider.System;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contributor in _contributors)
        {
            if (contributor is null || string.IsNullOrWhiteSpace(contributor.Name) || contributor.Name.Length > ConsentAppendOptions.MaxKeyLength)
            {
                throw new ArgumentException($"Every personal data contributor has a name of 1 to {ConsentAppendOptions.MaxKeyLength} characters; {(contributor is null ? "one is null" : $"{contributor.GetType().Name}'s is '{contributor.Name}'")}.", nameof(contributors));
            }

            if (!names.Add(contributor.Name))
            {
                throw new ArgumentException($"Two personal data contributors are named '{contributor.Name}'; each one's data appears under its name, so names are unique.", nameof(contributors));
            }
        }
    }

    /// <summary>Gathers everything kept about a subject, for an access request.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The export; <see cref="SubjectDataExport.WriteTo"/> writes it as JSON.</returns>
    /// <exception cref="ArgumentException">The subject id is invalid.</exception>
    public async ValueTask<SubjectDataExport> ExportAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        var exportedAt = _time.GetUtcNow();

        // History first, then the state at the history's last version: an append between the two reads would
        // otherwise show a state the history does not explain.
        var history = await ListAsync(_ledger.ReadHistoryAsync(subjectId, cancellationToken)).ConfigureAwait(false);
        var state = Fold(subjectId, history);
        var disclosures = _ledger is IDecisionLog log
            ? await ListAsync(log.ReadDecisionsAsync(subjectId, cancellationToken)).ConfigureAwait(false)
            : [];
        var erasures = _ledger is IConsentErasure erasure
            ? await ListAsync(erasure.ReadErasuresAsync(subjectId, cancellationToken)).ConfigureAwait(false)
            : [];
        var data = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var contributor in _contributors)
        {
            data[contributor.Name] = await contributor.GetPersonalDataAsync(subjectId, cancellationToken).ConfigureAwait(false);
        }

        return new SubjectDataExport(subjectId, exportedAt, state, history, disclosures, Recipients(disclosures), erasures, data);
    }

    /// <summary>Writes a subject's export as one JSON document, for an access request.</summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="utf8Json">The stream to write to; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the document is written.</returns>
    public async Task WriteExportAsync(string subjectId, Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var export = await ExportAsync(subjectId, cancellationToken).ConfigureAwait(false);
        export.WriteTo(utf8Json);
    }

    /// <summary>
    /// Erases a subject's consent evidence and decision log and records the erasure (<see cref="IConsentErasure.EraseAsync"/>).
    /// The application erases its own data; the export made before the erasure lists the recipients to notify.
    /// </summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="reason">Why: the request or legal ground, never personal data.</param>
    /// <param name="cancellationToken">Cancels the erasure before it commits.</param>
    /// <returns>The erasure record.</returns>
    /// <exception cref="ArgumentException">The subject id or the reason is invalid; nothing is erased.</exception>
    /// <exception cref="NotSupportedException">The ledger cannot erase (a store written elsewhere without <see cref="IConsentErasure"/>).</exception>
    public ValueTask<ConsentErasure> EraseAsync(string subjectId, string reason, CancellationToken cancellationToken = default) =>
        _ledger is IConsentErasure erasure
            ? erasure.EraseAsync(subjectId, reason, cancellationToken)
            : throw new NotSupportedException($"The consent ledger {_ledger.GetType().Name} cannot erase a subject: it does not implement IConsentErasure. Nothing was erased.");

    /// <summary>The recipients of permitted disclosures, each with what it received, in name order.</summary>
    internal static IReadOnlyList<DisclosureRecipient> Recipients(IEnumerable<DecisionLogEntry> disclosures) =>
        disclosures.Where(d => d.IsPermitted)
            .GroupBy(d => d.Recipient, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DisclosureRecipient(
                g.Key,
                g.SelectMany(d => d.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                g.Select(d => d.Purpose).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
                g.Min(d => d.DecidedAt),
                g.Max(d => d.DecidedAt)))
            .ToArray();

    private static ConsentSnapshot Fold(string subjectId, IReadOnlyList<ConsentRecord> history)
    {
        var state = ConsentState.None;
        foreach (var record in history)
        {
            state = record.Change.ApplyTo(state);
        }

        return new ConsentSnapshot(subjectId, state, history.Count == 0 ? 0 : history[^1].Version);
    }

    private static async Task<IReadOnlyList<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
