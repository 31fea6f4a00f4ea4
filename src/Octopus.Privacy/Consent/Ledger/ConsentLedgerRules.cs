using System.Text;

namespace Octopus.Privacy;

/// <summary>
/// The argument rules every consent ledger applies before writing anything, so that every store rejects the same
/// input with the same message.
/// </summary>
internal static class ConsentLedgerArguments
{
    /// <summary>The most characters a subject id may have.</summary>
    public const int MaxSubjectIdLength = 256;

    /// <summary>
    /// Checks a subject id: not null, 1 to 256 characters, not only white space, valid Unicode, no control or
    /// layout characters (<see cref="HiddenCharacter"/>) and no U+FFFD (the mark of text decoded from invalid bytes,
    /// which would make two different ids one).
    /// </summary>
    public static string Subject(string? subjectId, string paramName = "subjectId")
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
    public static IReadOnlyList<ConsentChange> Changes(IReadOnlyList<ConsentChange>? changes, PrivacyPolicy? policy)
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
    /// Checks the options of an append made at <paramref name="now"/>: lengths, text (see <see cref="Text"/>), and a
    /// moment of the person's act no later than <paramref name="now"/> plus <see cref="ConsentAppendOptions.MaxClockSkew"/>.
    /// </summary>
    public static ConsentAppendOptions Options(ConsentAppendOptions? options, DateTimeOffset now)
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
    /// Whether a character would let text change how a history is shown rather than what it says: a control
    /// character (a new line that starts a forged record, an escape sequence that rewrites a terminal), a line or
    /// paragraph separator, or a bidirectional formatting character (which reorders what follows it).
    /// </summary>
    public static bool HiddenCharacter(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || c is '\u200E' or '\u200F' or '\u061C';

    /// <summary>
    /// Checks text a ledger keeps: valid Unicode (no lone surrogate), and no character that <see cref="HiddenCharacter"/>
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
            if (HiddenCharacter(c))
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

    /// <summary>Checks a position to read after.</summary>
    public static long Position(long afterPosition) =>
        afterPosition >= 0 ? afterPosition : throw new ArgumentOutOfRangeException(nameof(afterPosition), afterPosition, "Positions start at 1; read after 0 for all.");

    /// <summary>Checks the request of <see cref="IConsentLedger.FindPermittedSubjectsAsync"/> and resolves who it permits.</summary>
    public static ConsentAudience Audience(PrivacyPolicy? policy, IReadOnlyList<string>? categories, string? purpose, string? recipient)
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
    /// What an idempotency key is bound to: the subject and the changes, in order. The same key with other changes
    /// is an error, not a silent duplicate.
    /// </summary>
    public static string Fingerprint(string subjectId, IReadOnlyList<ConsentChange> changes)
    {
        var text = new StringBuilder(subjectId.Length + (changes.Count * 24)).Append(subjectId);
        foreach (var change in changes)
        {
            text.Append('\n').Append((int)change.Action).Append(':').Append(change.Value);
        }

        return text.ToString();
    }

    /// <summary>The error for a key reused with other changes.</summary>
    public static ArgumentException KeyReused(string key, string paramName = "options") =>
        new($"The idempotency key '{key}' was used for another subject or other changes; nothing was written.", paramName);

    private static readonly ConsentAppendOptions Empty = new();
}
