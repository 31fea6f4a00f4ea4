using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Octopus.Privacy.Sqlite;

/// <summary>
/// The consent ledger in an embedded SQLite file: the history of every change (append-only: the schema refuses
/// updates and deletes), the current state per subject beside it, written in one immediate transaction, so that the
/// two never disagree. WAL with <c>synchronous=FULL</c> by default: an acknowledged append survives a crash of the
/// process and of the machine. Several processes on one machine can append to one file; a write waits up to
/// <see cref="SqliteConsentLedgerOptions.BusyTimeout"/> for another to finish.
/// </summary>
public sealed class SqliteConsentLedger : IConsentLedger, IAsyncDisposable, IDisposable, IConsentChangeFeed, IDecisionLog, IConsentErasure
{
    private const int MaxIdleConnections = 16;

    /// <summary>SQLITE_NOTADB: the file is not a database.</summary>
    private const int NotADatabase = 26;

    /// <summary>SQLITE_READONLY: a write to a database opened read-only or on a write-protected file.</summary>
    private const int ReadOnlyDatabase = 8;

    private readonly string _connectionString;
    private readonly string _file;
    private readonly SqliteConsentLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<PrivacyPolicy?> _policy;
    private readonly ConcurrentBag<LedgerConnection> _idle = [];
    private readonly SemaphoreSlim _schema = new(1, 1);
    private volatile bool _ready;
    private volatile bool _readOnly;
    private volatile int _schemaVersion;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="SqliteConsentLedger"/> class.</summary>
    /// <param name="connectionString">A SQLite connection string naming the ledger's file: <c>Data Source=consent.db</c>. The file is created when missing.</param>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentException">The connection string is malformed, names no file, or names an in-memory database.</exception>
#pragma warning disable RS0027 // The published contract names this constructor exactly; the one with options is the longer overload.
    public SqliteConsentLedger(string connectionString, TimeProvider? timeProvider = null)
#pragma warning restore RS0027
        : this(connectionString, new SqliteConsentLedgerOptions(), timeProvider)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SqliteConsentLedger"/> class.</summary>
    /// <param name="connectionString">A SQLite connection string naming the ledger's file.</param>
    /// <param name="options">Durability and waiting settings.</param>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentException">The connection string is malformed, names no file, or names an in-memory database.</exception>
    public SqliteConsentLedger(string connectionString, SqliteConsentLedgerOptions options, TimeProvider? timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"Not a SQLite connection string: {ex.Message}", nameof(connectionString), ex);
        }

        if (IsTransient(builder))
        {
            throw new ArgumentException($"The consent ledger needs a file that outlives the process: 'Data Source=consent.db', not '{builder.DataSource}' (an in-memory or temporary database would acknowledge consent and lose it). For a ledger in memory, use InMemoryConsentLedger.", nameof(connectionString));
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BusyTimeout, "The busy timeout must not be negative.");
        }

        // This ledger keeps its own configured connections; the provider's pool would hand back connections
        // without the pragmas below.
        builder.Pooling = false;
        _connectionString = builder.ToString();
        _file = builder.DataSource;
        _options = options;
        _policy = options.PolicySource ?? (() => options.Policy);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public event EventHandler<ConsentChangedEventArgs>? SubjectChanged;

    /// <inheritdoc/>
    public async ValueTask<ConsentAppendResult> AppendAsync(string subjectId, IReadOnlyList<ConsentChange> changes, ConsentAppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckChanges(changes, _policy());
        options = ConsentLedgerRules.CheckOptions(options, _time.GetUtcNow());
        var connection = await RentAsync(cancellationToken, write: true).ConfigureAwait(false);
        ConsentAppendResult result;
        try
        {
            if (_readOnly)
            {
                throw ReadOnly(null);
            }

            result = Append(connection, subjectId, changes, options, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == ReadOnlyDatabase)
        {
            throw ReadOnly(ex);
        }
        finally
        {
            Return(connection);
        }

        if (!result.Duplicate)
        {
            SubjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<ConsentSnapshot> GetAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = connection.Command(
                null,
                "get",
                "SELECT s.version, s.accepted_version, c.purpose, c.status FROM consent_subject s LEFT JOIN consent_current c ON c.subject_id = s.subject_id WHERE s.subject_id = $subject",
                "$subject");
            command.Parameters[0].Value = subjectId;
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return new ConsentSnapshot(subjectId, ConsentState.None, 0);
            }

            var version = reader.GetInt64(0);
            var state = reader.IsDBNull(1) ? ConsentState.None : ConsentState.None.AcceptPolicy(reader.GetString(1));
            do
            {
                state = ConsentRows.WithStatus(state, reader, 2);
            }
            while (reader.Read());

            return new ConsentSnapshot(subjectId, state, version);
        }
        finally
        {
            Return(connection);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ConsentSnapshot> GetAsOfAsync(string subjectId, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        var state = ConsentState.None;
        long version = 0;
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = connection.Command(
                null,
                "asof",
                "SELECT version, action, value FROM consent_history WHERE subject_id = $subject AND recorded_at <= $asOf ORDER BY version",
                "$subject",
                "$asOf");
            command.Parameters[0].Value = subjectId;
            command.Parameters[1].Value = asOf.UtcTicks;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                version = reader.GetInt64(0);
                state = new ConsentChange((ConsentAction)reader.GetInt32(1), reader.GetString(2)).ApplyTo(state);
            }
        }
        finally
        {
            Return(connection);
        }

        return new ConsentSnapshot(subjectId, state, version);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentRecord> ReadHistoryAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        return ReadRecordsAsync("WHERE subject_id = $value ORDER BY version", subjectId, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentRecord> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckPosition(afterPosition);
        return ReadRecordsAsync("WHERE position > $value ORDER BY position", afterPosition, cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<string> FindPermittedSubjectsAsync(PrivacyPolicy policy, IReadOnlyList<string> categories, string purpose, string recipient, CancellationToken cancellationToken = default)
    {
        var audience = ConsentLedgerRules.Audience(policy, categories, purpose, recipient);
        return FindAsync(audience, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask AppendDecisionsAsync(IReadOnlyList<DecisionLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckDecisions(entries);
        await WriteAsync(
            (connection, ct) =>
            {
                using var transaction = connection.Connection.BeginTransaction(deferred: false);
                var insert = connection.Command(
                    transaction,
                    "decision",
                    "INSERT INTO decision_log (subject_id, decided_at, categories, purpose, recipient, permitted, reason, policy_name, policy_version, rule_id, clause, ledger_version) VALUES ($subject, $at, $categories, $purpose, $recipient, $permitted, $reason, $policy, $policyVersion, $rule, $clause, $ledgerVersion)",
                    "$subject", "$at", "$categories", "$purpose", "$recipient", "$permitted", "$reason", "$policy", "$policyVersion", "$rule", "$clause", "$ledgerVersion");
                foreach (var entry in entries)
                {
                    insert.Parameters[0].Value = entry.SubjectId;
                    insert.Parameters[1].Value = entry.DecidedAt.UtcTicks;

                    // Names hold no control character (the rules refuse them), so a new line separates them safely.
                    insert.Parameters[2].Value = string.Join('\n', entry.Categories);
                    insert.Parameters[3].Value = entry.Purpose;
                    insert.Parameters[4].Value = entry.Recipient;
                    insert.Parameters[5].Value = entry.IsPermitted ? 1 : 0;
                    insert.Parameters[6].Value = (int)entry.Reason;
                    insert.Parameters[7].Value = entry.PolicyName;
                    insert.Parameters[8].Value = entry.PolicyVersion;
                    insert.Parameters[9].Value = (object?)entry.RuleId ?? DBNull.Value;
                    insert.Parameters[10].Value = (object?)entry.Clause ?? DBNull.Value;
                    insert.Parameters[11].Value = entry.LedgerVersion;
                    insert.ExecuteNonQuery();
                }

                ct.ThrowIfCancellationRequested();
                transaction.Commit();
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<DecisionLogEntry> ReadDecisionsAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        return ReadDecisionsCoreAsync(subjectId, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<long> DeleteDecisionsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        await WriteAsync(
            (connection, ct) =>
            {
                var delete = connection.Command(null, "prune", "DELETE FROM decision_log WHERE decided_at < $before", "$before");
                delete.Parameters[0].Value = before.UtcTicks;
                return (long)delete.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// The deleted rows are overwritten with zeros (<c>secure_delete</c>), and after the commit the write-ahead log is
    /// checkpointed and truncated, so that neither the file nor its WAL holds the erased text. The checkpoint waits up to
    /// <see cref="SqliteConsentLedgerOptions.BusyTimeout"/> for readers in other connections to finish; if they do not,
    /// the erasure stays committed and an <see cref="InvalidOperationException"/> says that the bytes are still in the
    /// WAL until its next checkpoint.
    /// </remarks>
    public async ValueTask<ConsentErasure> EraseAsync(string subjectId, string reason, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckReason(reason);
        var erasure = await WriteAsync((connection, ct) => Erase(connection, subjectId, reason, ct), cancellationToken).ConfigureAwait(false);
        SubjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
        await WriteAsync(
            (connection, _) =>
            {
                Checkpoint(connection, subjectId);
                return true;
            },
            CancellationToken.None).ConfigureAwait(false);
        return erasure;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentErasure> ReadErasuresAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        return ReadErasuresCoreAsync(subjectId, cancellationToken);
    }

    /// <summary>Closes the ledger's connections. Appends that were acknowledged are in the file.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the ledger's connections. Appends that were acknowledged are in the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            while (_idle.TryTake(out var connection))
            {
                connection.Dispose();
            }

            _schema.Dispose();
        }
    }

    private static long Scalar(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private ConsentAppendResult Append(LedgerConnection connection, string subjectId, IReadOnlyList<ConsentChange> changes, ConsentAppendOptions options, CancellationToken cancellationToken)
    {
        using var transaction = connection.Connection.BeginTransaction(deferred: false);
        var fingerprint = options.IdempotencyKey is null ? null : ConsentLedgerRules.IdempotencyFingerprint(subjectId, changes);
        if (options.IdempotencyKey is { } key)
        {
            var find = connection.Command(transaction, "key", "SELECT fingerprint, version, position FROM consent_idempotency WHERE idempotency_key = $key", "$key");
            find.Parameters[0].Value = key;
            using var reader = find.ExecuteReader();
            if (reader.Read())
            {
                return reader.GetString(0) == fingerprint
                    ? new ConsentAppendResult(reader.GetInt64(1), reader.GetInt64(2), Duplicate: true)
                    : throw ConsentLedgerRules.KeyReused(key);
            }
        }

        var subject = connection.Command(transaction, "subject", "SELECT version, accepted_version FROM consent_subject WHERE subject_id = $subject", "$subject");
        subject.Parameters[0].Value = subjectId;
        long version = 0;
        string? accepted = null;
        using (var reader = subject.ExecuteReader())
        {
            if (reader.Read())
            {
                version = reader.GetInt64(0);
                accepted = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        if (options.ExpectedVersion is { } expected && expected != version)
        {
            throw new ConsentConflictException(subjectId, expected, version);
        }

        var recordedAt = _time.GetUtcNow();
        var occurredAt = options.OccurredAt?.ToUniversalTime() ?? recordedAt;
        var insert = connection.Command(
            transaction,
            "insert",
            "INSERT INTO consent_history (subject_id, version, action, value, occurred_at, recorded_at, source, evidence) VALUES ($subject, $version, $action, $value, $occurred, $recorded, $source, $evidence)",
            "$subject", "$version", "$action", "$value", "$occurred", "$recorded", "$source", "$evidence");
        // What the append changes in the stored state: the one fold, applied to the batch alone; the purposes it
        // touches take their last status, and the accepted version is replaced when the batch accepts one.
        var batch = ConsentChange.Fold(changes);
        accepted = batch.AcceptedPolicyVersion ?? accepted;
        foreach (var change in changes)
        {
            insert.Parameters[0].Value = subjectId;
            insert.Parameters[1].Value = ++version;
            insert.Parameters[2].Value = (int)change.Action;
            insert.Parameters[3].Value = change.Value;
            insert.Parameters[4].Value = occurredAt.UtcTicks;
            insert.Parameters[5].Value = recordedAt.UtcTicks;
            insert.Parameters[6].Value = (object?)options.Source ?? DBNull.Value;
            insert.Parameters[7].Value = (object?)options.Evidence ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }

        var position = Scalar(connection.Command(transaction, "rowid", "SELECT last_insert_rowid()").ExecuteScalar());
        var upsertSubject = connection.Command(
            transaction,
            "upsert-subject",
            "INSERT INTO consent_subject (subject_id, version, accepted_version) VALUES ($subject, $version, $accepted) ON CONFLICT (subject_id) DO UPDATE SET version = excluded.version, accepted_version = excluded.accepted_version",
            "$subject", "$version", "$accepted");
        upsertSubject.Parameters[0].Value = subjectId;
        upsertSubject.Parameters[1].Value = version;
        upsertSubject.Parameters[2].Value = (object?)accepted ?? DBNull.Value;
        upsertSubject.ExecuteNonQuery();

        var upsertPurpose = connection.Command(
            transaction,
            "upsert-purpose",
            "INSERT INTO consent_current (subject_id, purpose, status) VALUES ($subject, $purpose, $status) ON CONFLICT (subject_id, purpose) DO UPDATE SET status = excluded.status",
            "$subject", "$purpose", "$status");
        foreach (var purpose in batch.RecordedPurposes)
        {
            var status = batch.StatusOf(purpose);
            upsertPurpose.Parameters[0].Value = subjectId;
            upsertPurpose.Parameters[1].Value = purpose;
            upsertPurpose.Parameters[2].Value = (int)status;
            upsertPurpose.ExecuteNonQuery();
        }

        var result = new ConsentAppendResult(version, position, Duplicate: false);
        if (options.IdempotencyKey is { } newKey)
        {
            var remember = connection.Command(transaction, "remember", "INSERT INTO consent_idempotency (idempotency_key, fingerprint, version, position) VALUES ($key, $fingerprint, $version, $position)", "$key", "$fingerprint", "$version", "$position");
            remember.Parameters[0].Value = newKey;
            remember.Parameters[1].Value = fingerprint;
            remember.Parameters[2].Value = version;
            remember.Parameters[3].Value = position;
            remember.ExecuteNonQuery();
        }

        // Cancellation is honoured up to the commit: after it, the append is acknowledged.
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return result;
    }

    /// <summary>Runs a write on a rented connection, with the read-only file's error in the ledger's words.</summary>
    private async ValueTask<T> WriteAsync<T>(Func<LedgerConnection, CancellationToken, T> write, CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken, write: true).ConfigureAwait(false);
        try
        {
            return _readOnly ? throw ReadOnly(null) : write(connection, cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == ReadOnlyDatabase)
        {
            throw ReadOnly(ex);
        }
        finally
        {
            Return(connection);
        }
    }

    private ConsentErasure Erase(LedgerConnection connection, string subjectId, string reason, CancellationToken cancellationToken)
    {
        using var transaction = connection.Connection.BeginTransaction(deferred: false);
        var span = connection.Command(transaction, "erase-span", "SELECT coalesce(min(version), 0), coalesce(max(version), 0), coalesce(max(position), 0), count(*) FROM consent_history WHERE subject_id = $subject", "$subject");
        span.Parameters[0].Value = subjectId;
        long first, last, lastPosition, records;
        using (var reader = span.ExecuteReader())
        {
            reader.Read();
            (first, last, lastPosition, records) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        var count = connection.Command(transaction, "erase-count", "SELECT count(*) FROM decision_log WHERE subject_id = $subject", "$subject");
        count.Parameters[0].Value = subjectId;
        var decisions = Scalar(count.ExecuteScalar());
        var erasure = new ConsentErasure(subjectId, _time.GetUtcNow(), reason, first, last, records, decisions);

        // The erasure is recorded first: the history's delete trigger lets through only rows a recorded erasure covers.
        var record = connection.Command(
            transaction,
            "erase-record",
            "INSERT INTO consent_erasure (subject_id, erased_at, reason, first_version, last_version, last_position, records_erased, decisions_erased) VALUES ($subject, $at, $reason, $first, $last, $position, $records, $decisions)",
            "$subject", "$at", "$reason", "$first", "$last", "$position", "$records", "$decisions");
        record.Parameters[0].Value = subjectId;
        record.Parameters[1].Value = erasure.ErasedAt.UtcTicks;
        record.Parameters[2].Value = reason;
        record.Parameters[3].Value = first;
        record.Parameters[4].Value = last;
        record.Parameters[5].Value = lastPosition;
        record.Parameters[6].Value = records;
        record.Parameters[7].Value = decisions;
        record.ExecuteNonQuery();

        var delete = connection.Command(
            transaction,
            "erase-delete",
            """
            DELETE FROM consent_idempotency WHERE position IN (SELECT position FROM consent_history WHERE subject_id = $subject);
            DELETE FROM consent_history WHERE subject_id = $subject;
            DELETE FROM consent_current WHERE subject_id = $subject;
            DELETE FROM consent_subject WHERE subject_id = $subject;
            DELETE FROM decision_log WHERE subject_id = $subject;
            """,
            "$subject");
        delete.Parameters[0].Value = subjectId;
        delete.ExecuteNonQuery();

        // Cancellation is honoured up to the commit: after it, the erasure is done.
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return erasure;
    }

    /// <summary>
    /// Copies the WAL into the file and truncates it to nothing, so that the erased rows' earlier page images are gone
    /// from it; retried while other connections read, up to the busy timeout.
    /// </summary>
    private void Checkpoint(LedgerConnection connection, string subjectId)
    {
        var deadline = _time.GetTimestamp() + (long)(_options.BusyTimeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var checkpoint = connection.Command(null, "checkpoint", "PRAGMA wal_checkpoint(TRUNCATE)");
            using (var reader = checkpoint.ExecuteReader())
            {
                if (reader.Read() && reader.GetInt64(0) == 0)
                {
                    return;
                }
            }

            if (_time.GetTimestamp() >= deadline)
            {
                throw new InvalidOperationException($"The erasure of subject '{subjectId}' is committed, but other connections kept reading '{_file}' longer than the busy timeout, so the erased rows' earlier images remain in its write-ahead log ('{_file}-wal') until its next checkpoint (SQLite makes one when the last connection closes).");
            }

            Thread.Sleep(10);
        }
    }

    private async IAsyncEnumerable<DecisionLogEntry> ReadDecisionsCoreAsync(string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaVersion < 2)
            {
                // A version 1 file opened read-only has no decision log yet.
                yield break;
            }

            using var command = connection.Connection.CreateCommand();
            command.CommandText = $"SELECT {ConsentRows.DecisionColumns}, categories FROM decision_log WHERE subject_id = $subject ORDER BY decided_at, entry_id";
            command.Parameters.AddWithValue("$subject", subjectId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Names hold no control character (the rules refuse them): the categories were joined with new lines.
                yield return ConsentRows.Decision(reader, reader.GetString(11).Split('\n'));
            }
        }
        finally
        {
            Return(connection);
        }
    }

    private async IAsyncEnumerable<ConsentErasure> ReadErasuresCoreAsync(string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaVersion < 2)
            {
                yield break;
            }

            using var command = connection.Connection.CreateCommand();
            command.CommandText = $"SELECT {ConsentRows.ErasureColumns} FROM consent_erasure WHERE subject_id = $subject ORDER BY erasure_id";
            command.Parameters.AddWithValue("$subject", subjectId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ConsentRows.Erasure(reader);
            }
        }
        finally
        {
            Return(connection);
        }
    }

    private async IAsyncEnumerable<ConsentRecord> ReadRecordsAsync(string where, object value, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.Connection.CreateCommand();
            command.CommandText = $"SELECT {ConsentRows.RecordColumns} FROM consent_history {where}";
            command.Parameters.AddWithValue("$value", value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ConsentRows.Record(reader);
            }
        }
        finally
        {
            Return(connection);
        }
    }

    private async IAsyncEnumerable<string> FindAsync(ConsentAudience audience, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (audience.PermitsNone)
        {
            yield break;
        }

        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.Connection.CreateCommand();
            if (!audience.PermitsNothing && !audience.PermitsAccepted)
            {
                // Only what was said about the purpose counts: the purpose index alone answers.
                command.CommandText = "SELECT subject_id FROM consent_current WHERE purpose = $purpose AND ((status = 1 AND $granted = 1) OR (status = 2 AND $withdrawn = 1))";
            }
            else
            {
                command.CommandText = """
                    SELECT s.subject_id FROM consent_subject s
                    LEFT JOIN consent_current c ON c.subject_id = s.subject_id AND c.purpose = $purpose
                    WHERE (CASE WHEN c.status = 2 THEN $withdrawn
                                WHEN c.status = 1 THEN $granted
                                WHEN s.accepted_version IN (SELECT value FROM json_each($versions)) THEN $accepted
                                ELSE $nothing END) = 1
                    """;
                command.Parameters.AddWithValue("$versions", JsonSerializer.Serialize(audience.AcceptedVersions));
                command.Parameters.AddWithValue("$accepted", audience.PermitsAccepted ? 1 : 0);
                command.Parameters.AddWithValue("$nothing", audience.PermitsNothing ? 1 : 0);
            }

            command.Parameters.AddWithValue("$purpose", audience.Purpose);
            command.Parameters.AddWithValue("$granted", audience.PermitsGranted ? 1 : 0);
            command.Parameters.AddWithValue("$withdrawn", audience.PermitsWithdrawn ? 1 : 0);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return reader.GetString(0);
            }
        }
        finally
        {
            Return(connection);
        }
    }

    /// <summary>
    /// A configured connection; for a write (<paramref name="write"/>), on a ledger of this package's schema: a version 1
    /// file is upgraded before its first write, never by a read.
    /// </summary>
    private async ValueTask<LedgerConnection> RentAsync(CancellationToken cancellationToken, bool write = false)
    {
        var rented = await RentConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (!write || _schemaVersion >= SqliteLedgerSchema.Version || _readOnly)
        {
            return rented;
        }

        try
        {
            await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_schemaVersion < SqliteLedgerSchema.Version)
                {
                    _schemaVersion = SqliteLedgerSchema.Upgrade(rented.Connection, _file);
                }
            }
            finally
            {
                _schema.Release();
            }

            return rented;
        }
        catch
        {
            rented.Dispose();
            throw;
        }
    }

    private async ValueTask<LedgerConnection> RentConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds};"));
            if (!_ready)
            {
                await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_ready)
                    {
                        // The file is inspected before anything in it changes: a database of another application, or
                        // of a newer schema, is refused exactly as it was found.
                        _readOnly = SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1;
                        _schemaVersion = SqliteLedgerSchema.Ensure(connection, _file, _readOnly);
                        _ready = true;
                    }
                }
                finally
                {
                    _schema.Release();
                }
            }

            if (!_readOnly)
            {
                // secure_delete: what a deletion (an erasure, the decision log's retention) removes is overwritten with
                // zeros in the page, not left in free space where a reader of the file would find it.
                Execute(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(_options.SynchronousFull ? "FULL" : "NORMAL")}; PRAGMA secure_delete = ON;");
            }

            return new LedgerConnection(connection);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == NotADatabase)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw NotALedgerFile(ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == ReadOnlyDatabase)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The consent ledger '{_file}' cannot be read: it is write-protected, and to read it SQLite must create its '-shm' file beside it, in a folder this process cannot write. Copy the file to a folder you can write to and read the copy. Nothing was written.", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Whether a connection string names a database that does not outlive its connections: <c>:memory:</c>, an empty
    /// name (a temporary file), <c>Mode=Memory</c>, or a URI file name with <c>mode=memory</c>, <c>vfs=memdb</c>, or no path.
    /// </summary>
    private static bool IsTransient(SqliteConnectionStringBuilder builder)
    {
        var source = builder.DataSource.Trim();
        if (source.Length == 0 || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return true;
        }

        if (!source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var uri = source[5..];
        var fragment = uri.IndexOf('#', StringComparison.Ordinal);
        uri = fragment < 0 ? uri : uri[..fragment];
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query < 0 ? uri : uri[..query]);
        if (path.Length == 0 || path == ":memory:")
        {
            return true;
        }

        foreach (var parameter in (query < 0 ? string.Empty : uri[(query + 1)..]).Split('&'))
        {
            var pair = parameter.Split('=', 2);
            var value = pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : string.Empty;
            var key = Uri.UnescapeDataString(pair[0]);
            if ((key.Equals("mode", StringComparison.OrdinalIgnoreCase) && value.Equals("memory", StringComparison.OrdinalIgnoreCase))
                || (key.Equals("vfs", StringComparison.OrdinalIgnoreCase) && value.Equals("memdb", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private InvalidOperationException ReadOnly(SqliteException? ex) =>
        new($"The consent ledger '{_file}' is read-only (opened with Mode=ReadOnly, or the file or its folder is write-protected): it can be read, not written. Nothing was written.", ex);

    private InvalidOperationException NotALedgerFile(SqliteException ex) =>
        new($"The file '{_file}' is not a SQLite database, so it cannot be a consent ledger. Nothing was written.", ex);

    private void Return(LedgerConnection connection)
    {
        if (Volatile.Read(ref _disposed) != 0 || _idle.Count >= MaxIdleConnections)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    /// <summary>An open, configured connection with its prepared commands, used by one operation at a time.</summary>
    private sealed class LedgerConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteConnection Connection { get; } = connection;

        public SqliteCommand Command(SqliteTransaction? transaction, string name, string text, params string[] parameters)
        {
            if (!_commands.TryGetValue(name, out var command))
            {
                command = Connection.CreateCommand();
                command.CommandText = text;
                foreach (var parameter in parameters)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
                }

                _commands[name] = command;
            }

            command.Transaction = transaction;
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            Connection.Dispose();
        }
    }
}
