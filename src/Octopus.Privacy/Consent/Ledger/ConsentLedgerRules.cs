using System.Text;

namespace Octopus.Privacy;

/// <summary>
/// The rules every consent ledger applies to its input before it writes anything, so that every store (the ones in
/// these packages, and one written elsewhere on <see cref="IConsentLedger"/>) refuses the same input with the same
/// <see cref="ArgumentException"/> and message. A store calls them first in each method; what they accept, it keeps as
/// given. The rules are listed in <c>docs/consent-ledger.md</c> ("Input rules").
/// </summary>
public static class ConsentLedgerRules
{
    /// <summary>The most characters a subject id may have.</summary>
    public const int MaxSubjectIdLength = 256;

    /// <summary>
    /// Checks a subject id: not null, 1 to 256 characters, not only white space, valid Unicode, no control or
    /// layout characters (<see cref="IsHiddenCharacter"/>) and no U+FFFD (the mark of text decoded from invalid bytes,
    /// which would make two different ids one).
    /// </summary>
    /// <param name="subjectId">The subject id.</param>
    /// <param name="paramName">The parameter name the exception names.</param>
    /// <returns>The subject id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subjectId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The subject id breaks a rule.</exception>
    public static string CheckSubject(string? subjectId, string paramName = "subjectId")
    {
        ArgumentNullException.ThrowIfNull(subjectId, paramName);
        if (string.IsNullOrWhiteSpace(subjectId))
        {
            throw new ArgumentException("A subject id must not be empty or white space.", paramName);
        }

        if (subjectId.Length > MaxSubjectIdLength)
        {
            throw new ArgumentException($"A subject id has at most {MaxSubjectIdLength} characters; this one has {subjectId.Length}.", paramName);
        }

        Text(subjectId, "A subject id", paramName, identifier: true);
        return subjectId;
    }

    /// <summary>
    /// Checks the changes of an append: at least one, none null, each with a defined action and a valid name; with a
    /// policy, each purpose one it defines and each accepted version one it accepts.
    /// </summary>
    /// <param name="changes">The changes.</param>
    /// <param name="policy">The policy the ledger is used with, or <see langword="null"/> to check names only for their form.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There is no change, or a change breaks a rule.</exception>
    public static IReadOnlyList<ConsentChange> CheckChanges(IReadOnlyList<ConsentChange>? changes, PrivacyPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            throw new ArgumentException("An append needs at least one change.", nameof(changes));
        }

        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i] is not { } change)
            {
                throw new ArgumentException($"Change {i} is null.", nameof(changes));
            }

            if ((change.Problem() ?? (policy is null ? null : change.ProblemUnder(policy))) is { } problem)
            {
                throw new ArgumentException($"Change {i}: {problem}. Nothing was written.", nameof(changes));
            }
        }

        return changes;
    }

    /// <summary>
    /// Checks the options of an append made at <paramref name="now"/>: lengths, text (no character
    /// <see cref="IsHiddenCharacter"/> names, no lone surrogate; no U+FFFD in a key), and a moment of the person's act
    /// no later than <paramref name="now"/> plus <see cref="ConsentAppendOptions.MaxClockSkew"/>.
    /// </summary>
    /// <param name="options">The options, or <see langword="null"/> for none.</param>
    /// <param name="now">The ledger's clock.</param>
    /// <returns>The options; empty options for <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">An option breaks a rule.</exception>
    public static ConsentAppendOptions CheckOptions(ConsentAppendOptions? options, DateTimeOffset now)
    {
        options ??= Empty;
        if (options.OccurredAt is { } occurred && occurred - now > ConsentAppendOptions.MaxClockSkew)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The consent occurred at {occurred:O}, later than now ({now:O}) by more than the {ConsentAppendOptions.MaxClockSkew.TotalMinutes:0} minutes clocks may differ; a ledger records what happened, not what will. Nothing was written."),
                nameof(options));
        }

        if (options.IdempotencyKey is { } key && (string.IsNullOrWhiteSpace(key) || key.Length > ConsentAppendOptions.MaxKeyLength))
        {
            throw new ArgumentException($"An idempotency key has 1 to {ConsentAppendOptions.MaxKeyLength} characters and is not only white space.", nameof(options));
        }

        if (options.ExpectedVersion is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ExpectedVersion, "The expected version is 0 (nothing recorded) or more.");
        }

        if (options.Source is { Length: > ConsentAppendOptions.MaxKeyLength })
        {
            throw new ArgumentException($"A source has at most {ConsentAppendOptions.MaxKeyLength} characters.", nameof(options));
        }

        if (options.Evidence is { Length: > ConsentAppendOptions.MaxEvidenceLength })
        {
            throw new ArgumentException($"Evidence has at most {ConsentAppendOptions.MaxEvidenceLength} characters; this has {options.Evidence.Length}.", nameof(options));
        }

        Text(options.IdempotencyKey, "An idempotency key", nameof(options), identifier: true);
        Text(options.Source, "A source", nameof(options));
        Text(options.Evidence, "Evidence", nameof(options));
        return options;
    }

    /// <summary>
    /// Checks the reason of an erasure: 1 to <see cref="ConsentAppendOptions.MaxEvidenceLength"/> characters, not only
    /// white space, and the text rules of evidence (no character <see cref="IsHiddenCharacter"/> names, no lone surrogate).
    /// </summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The reason breaks a rule; nothing is erased.</exception>
    public static string CheckReason(string? reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ConsentAppendOptions.MaxEvidenceLength)
        {
            throw new ArgumentException($"An erasure's reason has 1 to {ConsentAppendOptions.MaxEvidenceLength} characters and is not only white space: the request or legal ground, never personal data. Nothing was erased.", nameof(reason));
        }

        Text(reason, "An erasure's reason", nameof(reason));
        return reason;
    }

    /// <summary>
    /// Checks decision-log entries before a store writes them: at least one, none null, each with a valid subject id
    /// and names of the policy's grammar's length (1 to 256 characters, the text rules of a source).
    /// </summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry breaks a rule; nothing is written.</exception>
    public static IReadOnlyList<DecisionLogEntry> CheckDecisions(IReadOnlyList<DecisionLogEntry>? entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A write to the decision log needs at least one entry.", nameof(entries));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                throw new ArgumentException($"Entry {i} is null.", nameof(entries));
            }

            CheckSubject(entry.SubjectId, nameof(entries));
            if (entry.Categories is not { Count: > 0 } categories)
            {
                throw new ArgumentException($"Entry {i} names no data category. Nothing was written.", nameof(entries));
            }

            for (var c = 0; c < categories.Count; c++)
            {
                DecisionName(categories[c], i);
            }

            DecisionName(entry.Purpose, i);
            DecisionName(entry.Recipient, i);
            DecisionName(entry.PolicyName, i);
            DecisionName(entry.PolicyVersion, i);

            if (entry.LedgerVersion < 0)
            {
                throw new ArgumentException($"Entry {i} has a negative ledger version. Nothing was written.", nameof(entries));
            }
        }

        return entries;
    }

    private static void DecisionName(string? name, int entry, string paramName = "entries")
    {
        if (string.IsNullOrEmpty(name) || name.Length > ConsentAppendOptions.MaxKeyLength)
        {
            throw new ArgumentException($"Entry {entry} has a name that is empty or longer than {ConsentAppendOptions.MaxKeyLength} characters. Nothing was written.", paramName);
        }

        Text(name, $"Entry {entry}'s name", paramName);
    }

    /// <summary>
    /// Whether a character would let text change how a history is shown rather than what it says: a control
    /// character (a new line that starts a forged record, an escape sequence that rewrites a terminal), a line or
    /// paragraph separator, or a bidirectional formatting character (which reorders what follows it).
    /// </summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> when a ledger refuses text holding it.</returns>
    public static bool IsHiddenCharacter(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u200E' or '\u200F' or '\u061C';

    /// <summary>
    /// Checks text a ledger keeps: valid Unicode (no lone surrogate), and no character that <see cref="IsHiddenCharacter"/>
    /// names. Such text is refused, not escaped: what is stored is what every reader shows. Identifiers also refuse
    /// U+FFFD.
    /// </summary>
    private static void Text(string? value, string what, string paramName, bool identifier = false)
    {
        if (value is null)
        {
            return;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsHiddenCharacter(c))
            {
                throw new ArgumentException($"{what} must not contain control, line-separator or bidirectional formatting characters; it has U+{(int)c:X4} at character {i}. Nothing was written.", paramName);
            }

            if (identifier && c == '\uFFFD')
            {
                throw new ArgumentException($"{what} must not contain U+FFFD (at character {i}): it marks text decoded from invalid bytes, and two different ids would become one. Nothing was written.", paramName);
            }
        }

        if (BrokenSurrogate(value) is { } index)
        {
            throw new ArgumentException($"{what} must be valid Unicode text; it has a lone surrogate at character {index}. Nothing was written.", paramName);
        }
    }

    private static int? BrokenSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Checks a position to read after: 0 or more.</summary>
    /// <param name="afterPosition">The position.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative.</exception>
    public static long CheckPosition(long afterPosition) =>
        afterPosition >= 0 ? afterPosition : throw new ArgumentOutOfRangeException(nameof(afterPosition), afterPosition, "Positions start at 1; read after 0 for all.");

    /// <summary>Checks the request of <see cref="IConsentLedger.FindPermittedSubjectsAsync"/> and resolves who it permits.</summary>
    internal static ConsentAudience Audience(PrivacyPolicy? policy, IReadOnlyList<string>? categories, string? purpose, string? recipient)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(recipient);
        if (categories.Count == 0)
        {
            throw new ArgumentException("A request must name at least one data category.", nameof(categories));
        }

        return ConsentAudience.For(policy, categories, purpose, recipient);
    }

    /// <summary>
    /// What an idempotency key is bound to: the subject and the changes, in order. A store keeps it with the key; the
    /// same key again with the same fingerprint is a duplicate, with another one <see cref="KeyReused"/>.
    /// </summary>
    /// <param name="subjectId">The subject.</param>
    /// <param name="changes">The changes.</param>
    /// <returns>Text that is equal exactly when the subject and the changes are.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static string IdempotencyFingerprint(string subjectId, IReadOnlyList<ConsentChange> changes)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        ArgumentNullException.ThrowIfNull(changes);
        var text = new StringBuilder(subjectId.Length + (changes.Count * 24)).Append(subjectId);
        foreach (var change in changes)
        {
            text.Append('\n').Append((int)change.Action).Append(':').Append(change.Value);
        }

        return text.ToString();
    }

    /// <summary>The error a store throws for an idempotency key used before with another subject or other changes.</summary>
    /// <param name="key">The key.</param>
    /// <param name="paramName">The parameter name the exception names.</param>
    /// <returns>The exception, to throw.</returns>
    public static ArgumentException KeyReused(string key, string paramName = "options") =>
        new($"The idempotency key '{key}' was used for another subject or other changes; nothing was written.", paramName);

    private static readonly ConsentAppendOptions Empty = new();
}
