using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Octopus.Privacy.PostgreSql;

/// <summary>
/// The consent ledger on PostgreSQL, one ledger shared by many processes and machines: the history of every change
/// (append-only: the schema's triggers refuse updates, deletes and truncation), the current state per subject beside
/// it, both written by one statement in one transaction. Every append notifies the ledger's channel when it commits;
/// each process's ledger listens and tells the guard's cache, so a withdrawal made by one service is seen by all
/// within milliseconds, and within <see cref="PrivacyOptions.ConsentCacheDuration"/> while the listening connection is
/// down.
/// </summary>
/// <remarks>
/// Appends are put in one order by a row lock held until commit, so positions grow in commit order and
/// <see cref="ReadAllAsync"/> never skips a record; reads do not wait for appends. An acknowledged append is as
/// durable as the server's configuration makes a commit (<c>synchronous_commit</c>).
/// </remarks>
public sealed class PostgreSqlConsentLedger : IConsentLedger, IAsyncDisposable, IDisposable, IConsentChangeFeed, IDecisionLog, IConsentErasure
{
    /// <summary>SQLSTATE of a connection the server ended: admin_shutdown, crash_shutdown, cannot_connect_now.</summary>
    private static readonly string[] ServerGone = ["57P01", "57P02", "57P03"];

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlConsentLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<PrivacyPolicy?> _policy;
    private readonly string _schema;
    private readonly string _channel;
    private readonly string _appendSql;
    private readonly string _getSql;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly object _listenerGate = new();
    private volatile bool _ready;
    private ConsentChangeListener? _listener;
    private EventHandler<ConsentChangedEventArgs>? _subjectChanged;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlConsentLedger"/> class on its own data source.</summary>
    /// <param name="connectionString">An Npgsql connection string: <c>Host=db;Database=consent;Username=app;Password=...</c>.</param>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host.</exception>
#pragma warning disable RS0026, RS0027 // The published contract names these constructors exactly; the ones with options are the longer overloads.
    public PostgreSqlConsentLedger(string connectionString, TimeProvider? timeProvider = null)
        : this(CreateDataSource(connectionString), ownsDataSource: true, new PostgreSqlConsentLedgerOptions(), timeProvider)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlConsentLedger"/> class on a data source the caller owns.</summary>
    /// <param name="dataSource">The data source; it stays the caller's to dispose, after the ledger.</param>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public PostgreSqlConsentLedger(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null)
        : this(dataSource, new PostgreSqlConsentLedgerOptions(), timeProvider)
    {
    }
#pragma warning restore RS0026, RS0027

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlConsentLedger"/> class on its own data source.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The schema and the listening connection's settings.</param>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or names no host, or the options are invalid.</exception>
    public PostgreSqlConsentLedger(string connectionString, PostgreSqlConsentLedgerOptions options, TimeProvider? timeProvider)
        : this(CreateDataSource(connectionString, options), ownsDataSource: true, options, timeProvider)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlConsentLedger"/> class on a data source the caller owns.</summary>
    /// <param name="dataSource">The data source; it stays the caller's to dispose, after the ledger.</param>
    /// <param name="options">The schema and the listening connection's settings.</param>
    /// <param name="timeProvider">The clock that stamps records; <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PostgreSqlConsentLedger(NpgsqlDataSource dataSource, PostgreSqlConsentLedgerOptions options, TimeProvider? timeProvider)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false, Checked(options), timeProvider)
    {
    }

    private PostgreSqlConsentLedger(NpgsqlDataSource dataSource, bool ownsDataSource, PostgreSqlConsentLedgerOptions options, TimeProvider? timeProvider)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _policy = options.PolicySource ?? (() => options.Policy);
        _schema = options.Schema;
        _channel = options.Schema + "_changes";
        var s = PostgreSqlLedgerSchema.Quote(_schema);
        _appendSql = $"SELECT out_outcome, out_version, out_position FROM {s}.consent_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
        _getSql = $"SELECT s.version, s.accepted_version, c.purpose, c.status FROM {s}.consent_subject s LEFT JOIN {s}.consent_current c ON c.subject_id = s.subject_id WHERE s.subject_id = $1";
    }

    /// <inheritdoc/>
    /// <remarks>The first handler starts the listening connection (unless <see cref="PostgreSqlConsentLedgerOptions.ListenForChanges"/> is off).</remarks>
    public event EventHandler<ConsentChangedEventArgs>? SubjectChanged
    {
        add
        {
            lock (_listenerGate)
            {
                _subjectChanged += value;
                if (_options.ListenForChanges && _listener is null && Volatile.Read(ref _disposed) == 0)
                {
                    _listener = new ConsentChangeListener(_dataSource, _channel, _options.MaxReconnectDelay, subject => _subjectChanged?.Invoke(this, subject is null ? ConsentChangedEventArgs.AnySubject : new ConsentChangedEventArgs(subject)));
                }
            }
        }

        remove
        {
            lock (_listenerGate)
            {
                _subjectChanged -= value;
            }
        }
    }

    /// <summary>Gets the listening connection, once something listens for changes; for tests and measurements.</summary>
    internal ConsentChangeListener? Listener => _listener;

    /// <inheritdoc/>
    public async ValueTask<ConsentAppendResult> AppendAsync(string subjectId, IReadOnlyList<ConsentChange> changes, ConsentAppendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckChanges(changes, _policy());
        options = ConsentLedgerRules.CheckOptions(options, _time.GetUtcNow());
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        var actions = new short[changes.Count];
        var values = new string[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            actions[i] = (short)changes[i].Action;
            values[i] = changes[i].Value;
        }

        // What the append changes in the stored state: the one fold, applied to the batch alone (the function keeps
        // the stored accepted version when the batch accepts none).
        var batch = ConsentChange.Fold(changes);
        var accepted = batch.AcceptedPolicyVersion;
        var purposes = batch.RecordedPurposes.ToArray();
        var statuses = purposes.Select(p => (short)batch.StatusOf(p)).ToArray();

        var recordedAt = _time.GetUtcNow();
        var occurredAt = options.OccurredAt?.ToUniversalTime() ?? recordedAt;
        var result = await RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(_appendSql, connection)
                {
                    Parameters =
                    {
                        Text(subjectId),
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint, Value = actions },
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values },
                        Text(accepted),
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = purposes },
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint, Value = statuses },
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = occurredAt.UtcTicks },
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = recordedAt.UtcTicks },
                        Text(options.Source),
                        Text(options.Evidence),
                        Text(options.IdempotencyKey),
                        Text(options.IdempotencyKey is null ? null : ConsentLedgerRules.IdempotencyFingerprint(subjectId, changes)),
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)options.ExpectedVersion ?? DBNull.Value },
                        Text(_channel),
                    },
                };
                await command.PrepareAsync(ct).ConfigureAwait(false);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return (Outcome: reader.GetInt32(0), Version: reader.GetInt64(1), Position: reader.GetInt64(2));
            },
            cancellationToken).ConfigureAwait(false);

        switch (result.Outcome)
        {
            case 0:
                _subjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
                return new ConsentAppendResult(result.Version, result.Position, Duplicate: false);
            case 1:
                return new ConsentAppendResult(result.Version, result.Position, Duplicate: true);
            case 2:
                throw ConsentLedgerRules.KeyReused(options.IdempotencyKey!);
            default:
                throw new ConsentConflictException(subjectId, options.ExpectedVersion!.Value, result.Version);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ConsentSnapshot> GetAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(_getSql, connection) { Parameters = { Text(subjectId) } };
                await command.PrepareAsync(ct).ConfigureAwait(false);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return new ConsentSnapshot(subjectId, ConsentState.None, 0);
                }

                var version = reader.GetInt64(0);
                var state = reader.IsDBNull(1) ? ConsentState.None : ConsentState.None.AcceptPolicy(reader.GetString(1));
                do
                {
                    state = ConsentRows.WithStatus(state, reader, 2);
                }
                while (await reader.ReadAsync(ct).ConfigureAwait(false));

                return new ConsentSnapshot(subjectId, state, version);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<ConsentSnapshot> GetAsOfAsync(string subjectId, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT version, action, value FROM {PostgreSqlLedgerSchema.Quote(_schema)}.consent_history WHERE subject_id = $1 AND recorded_at <= $2 ORDER BY version",
                    connection)
                {
                    Parameters = { Text(subjectId), new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = asOf.UtcTicks } },
                };
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var state = ConsentState.None;
                long version = 0;
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    version = reader.GetInt64(0);
                    state = new ConsentChange((ConsentAction)reader.GetInt16(1), reader.GetString(2)).ApplyTo(state);
                }

                return new ConsentSnapshot(subjectId, state, version);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentRecord> ReadHistoryAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        return ReadRecordsAsync("WHERE subject_id = $1 ORDER BY version", Text(subjectId), cancellationToken);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentRecord> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckPosition(afterPosition);
        return ReadRecordsAsync("WHERE position > $1 ORDER BY position", new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = afterPosition }, cancellationToken);
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
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var sql = $"INSERT INTO {PostgreSqlLedgerSchema.Quote(_schema)}.decision_log (subject_id, decided_at, categories, purpose, recipient, permitted, reason, policy_name, policy_version, rule_id, clause, ledger_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
        await RunAsync(
            async (connection, ct) =>
            {
                // One batch is one implicit transaction: every entry or none.
                await using var batch = new NpgsqlBatch(connection);
                foreach (var entry in entries)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(sql)
                    {
                        Parameters =
                        {
                            Text(entry.SubjectId),
                            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = entry.DecidedAt.UtcTicks },
                            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = entry.Categories.ToArray() },
                            Text(entry.Purpose),
                            Text(entry.Recipient),
                            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = entry.IsPermitted },
                            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Smallint, Value = (short)entry.Reason },
                            Text(entry.PolicyName),
                            Text(entry.PolicyVersion),
                            Text(entry.RuleId),
                            Text(entry.Clause),
                            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = entry.LedgerVersion },
                        },
                    });
                }

                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
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
    public async ValueTask<long> DeleteDecisionsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"DELETE FROM {PostgreSqlLedgerSchema.Quote(_schema)}.decision_log WHERE decided_at < $1", connection)
                {
                    Parameters = { new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = before.UtcTicks } },
                };
                return (long)await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// After the transaction the rows and their values are gone from the tables for every reader. Their bytes stay
    /// in the server's data files until VACUUM reuses the space (autovacuum does), and in its write-ahead log and
    /// backups as long as those are kept: see <c>docs/subject-rights.md</c>.
    /// </remarks>
    public async ValueTask<ConsentErasure> EraseAsync(string subjectId, string reason, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        ConsentLedgerRules.CheckReason(reason);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var erasedAt = _time.GetUtcNow();
        var erasure = await RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"SELECT out_first, out_last, out_records, out_decisions FROM {PostgreSqlLedgerSchema.Quote(_schema)}.consent_erase($1, $2, $3, $4)", connection)
                {
                    Parameters = { Text(subjectId), Text(reason), new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = erasedAt.UtcTicks }, Text(_channel) },
                };
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return new ConsentErasure(subjectId, new DateTimeOffset(erasedAt.UtcTicks, TimeSpan.Zero), reason, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            },
            cancellationToken).ConfigureAwait(false);
        _subjectChanged?.Invoke(this, new ConsentChangedEventArgs(subjectId));
        return erasure;
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ConsentErasure> ReadErasuresAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ConsentLedgerRules.CheckSubject(subjectId);
        return ReadErasuresCoreAsync(subjectId, cancellationToken);
    }

    /// <summary>Stops listening and, when the ledger made its data source, closes its connections.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ConsentChangeListener? listener;
        lock (_listenerGate)
        {
            listener = _listener;
        }

        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        _schemaGate.Dispose();
    }

    /// <summary>Stops listening and, when the ledger made its data source, closes its connections.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static PostgreSqlConsentLedgerOptions Checked(PostgreSqlConsentLedgerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problem() is { } problem ? throw new ArgumentException(problem, nameof(options)) : options;
    }

    private static NpgsqlDataSource CreateDataSource(string connectionString, PostgreSqlConsentLedgerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (options is not null)
        {
            Checked(options);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
        {
            throw new ArgumentException($"Not a PostgreSQL connection string: {ex.Message}", nameof(connectionString), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The connection string names no server: 'Host=db.example;Database=consent;Username=app;Password=...'.", nameof(connectionString));
        }

        builder.ApplicationName ??= "Octopus.Privacy consent ledger";
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static bool IsServerGone(Exception ex) =>
        ex is PostgresException { SqlState: var state } ? ServerGone.Contains(state) : ex is NpgsqlException { IsTransient: true };

    private async ValueTask<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await operation(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsServerGone(ex))
            {
                // The server restarted or the network dropped: the pool's idle connections are as dead as this one.
                // Cleared, the next operation opens a fresh connection instead of failing on another dead one.
                NpgsqlConnection.ClearPool(connection);
                throw;
            }
        }
    }

    private async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await RunAsync(
                    async (connection, ct) =>
                    {
                        try
                        {
                            await PostgreSqlLedgerSchema.EnsureAsync(connection, _schema, ct).ConfigureAwait(false);
                        }
                        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                        {
                            throw new InvalidOperationException(
                                $"The consent ledger's schema '{_schema}' cannot be created or read by this database user: {ex.MessageText}. Nothing was written; "
                                + "grant the user CREATE on the database (or create the schema once as its owner) and USAGE on the schema.",
                                ex);
                        }

                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async IAsyncEnumerable<DecisionLogEntry> ReadDecisionsCoreAsync(string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {ConsentRows.DecisionColumns}, categories FROM {PostgreSqlLedgerSchema.Quote(_schema)}.decision_log WHERE subject_id = $1 ORDER BY decided_at, entry_id",
                connection)
            {
                Parameters = { Text(subjectId) },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ConsentRows.Decision(reader, reader.GetFieldValue<string[]>(11));
            }
        }
    }

    private async IAsyncEnumerable<ConsentErasure> ReadErasuresCoreAsync(string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {ConsentRows.ErasureColumns} FROM {PostgreSqlLedgerSchema.Quote(_schema)}.consent_erasure WHERE subject_id = $1 ORDER BY erasure_id",
                connection)
            {
                Parameters = { Text(subjectId) },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ConsentRows.Erasure(reader);
            }
        }
    }

    private async IAsyncEnumerable<ConsentRecord> ReadRecordsAsync(string where, NpgsqlParameter parameter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand(
                $"SELECT {ConsentRows.RecordColumns} FROM {PostgreSqlLedgerSchema.Quote(_schema)}.consent_history {where}",
                connection)
            {
                Parameters = { parameter },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return ConsentRows.Record(reader);
            }
        }
    }

    private async IAsyncEnumerable<string> FindAsync(ConsentAudience audience, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (audience.PermitsNone)
        {
            yield break;
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var s = PostgreSqlLedgerSchema.Quote(_schema);
        var statuses = new List<short>(2);
        if (audience.PermitsGranted)
        {
            statuses.Add((short)ConsentStatus.Granted);
        }

        if (audience.PermitsWithdrawn)
        {
            statuses.Add((short)ConsentStatus.Withdrawn);
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.Parameters.Add(Text(audience.Purpose));
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint, Value = statuses.ToArray() });
            if (!audience.PermitsNothing && !audience.PermitsAccepted)
            {
                // Only what was said about the purpose counts: an index-only scan of the purpose index answers.
                command.CommandText = $"SELECT subject_id FROM {s}.consent_current WHERE purpose = $1 AND status = ANY($2)";
            }
            else
            {
                // Every subject, with its status for the purpose when it has one (a merge of the two primary keys).
                command.CommandText = $"""
                    SELECT s.subject_id FROM {s}.consent_subject s
                    LEFT JOIN {s}.consent_current c ON c.subject_id = s.subject_id AND c.purpose = $1
                    WHERE CASE WHEN c.status IS NOT NULL THEN c.status = ANY($2)
                               WHEN s.accepted_version = ANY($3) THEN $4
                               ELSE $5 END
                    """;
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = audience.AcceptedVersions.ToArray() });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = audience.PermitsAccepted });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = audience.PermitsNothing });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return reader.GetString(0);
            }
        }
    }
}
