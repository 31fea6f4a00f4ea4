using Npgsql;

namespace Octopus.Privacy.PostgreSql;

/// <summary>
/// The ledger's objects in their own schema, created on first use in one transaction under an advisory lock, so that
/// several processes starting at once create them once. Version 1, as the SQLite store: an append-only history
/// (updates, deletes and truncation are refused by triggers), the current state per subject and per subject and
/// purpose, the idempotency keys, and the ledger's last position, whose row lock puts appends in commit order.
/// Version 2 adds the decision log, the erasure records and the erasure function, and lets the history's trigger pass
/// exactly the deletions a recorded erasure covers; a version 1 schema is upgraded in place, in one transaction.
/// A schema written by a newer version, or a schema holding objects of its own, is refused untouched.
/// </summary>
internal static class PostgreSqlLedgerSchema
{
    public const int Version = 2;

    /// <summary>What version 2 adds to version 1; <c>{s}</c> stands for the quoted schema name.</summary>
    private const string Upgrade = """
        CREATE TABLE {s}.consent_erasure (
            erasure_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            subject_id text NOT NULL,
            erased_at bigint NOT NULL,
            reason text NOT NULL,
            first_version bigint NOT NULL,
            last_version bigint NOT NULL,
            last_position bigint NOT NULL,
            records_erased bigint NOT NULL,
            decisions_erased bigint NOT NULL);
        CREATE INDEX consent_erasure_by_subject ON {s}.consent_erasure (subject_id, erasure_id);
        CREATE FUNCTION {s}.consent_erasure_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the erasure records are append-only' USING ERRCODE = 'restrict_violation';
        END $$;
        CREATE TRIGGER consent_erasure_is_append_only BEFORE UPDATE OR DELETE ON {s}.consent_erasure
            FOR EACH ROW EXECUTE FUNCTION {s}.consent_erasure_is_append_only();
        CREATE TRIGGER consent_erasure_is_append_only_truncate BEFORE TRUNCATE ON {s}.consent_erasure
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.consent_erasure_is_append_only();
        CREATE OR REPLACE FUNCTION {s}.consent_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM {s}.consent_erasure e WHERE e.subject_id = OLD.subject_id AND e.last_position >= OLD.position) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'the consent history is append-only: only a recorded erasure removes a subject''s records' USING ERRCODE = 'restrict_violation';
        END $$;
        CREATE TABLE {s}.decision_log (
            entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            subject_id text NOT NULL,
            decided_at bigint NOT NULL,
            categories text[] NOT NULL,
            purpose text NOT NULL,
            recipient text NOT NULL,
            permitted boolean NOT NULL,
            reason smallint NOT NULL,
            policy_name text NOT NULL,
            policy_version text NOT NULL,
            rule_id text,
            clause text,
            ledger_version bigint NOT NULL);
        CREATE INDEX decision_log_by_subject ON {s}.decision_log (subject_id, decided_at);
        CREATE INDEX decision_log_by_time ON {s}.decision_log (decided_at);

        -- One erasure, all or nothing, in the appends' one order: an append of the subject waits for it, then starts
        -- a new history. The erasure is recorded before the deletions, which the history's trigger lets through only
        -- for rows a recorded erasure covers.
        CREATE FUNCTION {s}.consent_erase(p_subject text, p_reason text, p_erased bigint, p_channel text)
        RETURNS TABLE (out_first bigint, out_last bigint, out_records bigint, out_decisions bigint) LANGUAGE plpgsql AS $$
        DECLARE
            v_first bigint;
            v_last bigint;
            v_position bigint;
            v_records bigint;
            v_decisions bigint;
        BEGIN
            PERFORM 1 FROM {s}.consent_position c WHERE c.singleton = 1 FOR UPDATE;
            SELECT coalesce(min(h.version), 0), coalesce(max(h.version), 0), coalesce(max(h.position), 0), count(*)
                INTO v_first, v_last, v_position, v_records FROM {s}.consent_history h WHERE h.subject_id = p_subject;
            SELECT count(*) INTO v_decisions FROM {s}.decision_log d WHERE d.subject_id = p_subject;
            INSERT INTO {s}.consent_erasure (subject_id, erased_at, reason, first_version, last_version, last_position, records_erased, decisions_erased)
                VALUES (p_subject, p_erased, p_reason, v_first, v_last, v_position, v_records, v_decisions);
            DELETE FROM {s}.consent_idempotency k WHERE k.position IN (SELECT h.position FROM {s}.consent_history h WHERE h.subject_id = p_subject);
            DELETE FROM {s}.consent_history h WHERE h.subject_id = p_subject;
            DELETE FROM {s}.consent_current c WHERE c.subject_id = p_subject;
            DELETE FROM {s}.consent_subject x WHERE x.subject_id = p_subject;
            DELETE FROM {s}.decision_log d WHERE d.subject_id = p_subject;
            PERFORM pg_notify(p_channel, p_subject);
            RETURN QUERY SELECT v_first, v_last, v_records, v_decisions;
        END $$;
        UPDATE {s}.octopus_privacy_schema SET version = 2;
        """;

    /// <summary>The objects; <c>{s}</c> stands for the quoted schema name.</summary>
    private const string Create = """
        CREATE SCHEMA IF NOT EXISTS {s};
        CREATE TABLE {s}.octopus_privacy_schema (
            singleton integer PRIMARY KEY CHECK (singleton = 1),
            version integer NOT NULL);
        INSERT INTO {s}.octopus_privacy_schema (singleton, version) VALUES (1, 1);
        CREATE TABLE {s}.consent_position (
            singleton integer PRIMARY KEY CHECK (singleton = 1),
            position bigint NOT NULL);
        INSERT INTO {s}.consent_position (singleton, position) VALUES (1, 0);
        CREATE TABLE {s}.consent_history (
            position bigint PRIMARY KEY,
            subject_id text NOT NULL,
            version bigint NOT NULL,
            action smallint NOT NULL,
            value text NOT NULL,
            occurred_at bigint NOT NULL,
            recorded_at bigint NOT NULL,
            source text,
            evidence text,
            UNIQUE (subject_id, version));
        CREATE FUNCTION {s}.consent_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the consent history is append-only' USING ERRCODE = 'restrict_violation';
        END $$;
        CREATE TRIGGER consent_history_is_append_only BEFORE UPDATE OR DELETE ON {s}.consent_history
            FOR EACH ROW EXECUTE FUNCTION {s}.consent_history_is_append_only();
        CREATE TRIGGER consent_history_is_append_only_truncate BEFORE TRUNCATE ON {s}.consent_history
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.consent_history_is_append_only();
        CREATE TABLE {s}.consent_subject (
            subject_id text PRIMARY KEY,
            version bigint NOT NULL,
            accepted_version text);
        CREATE TABLE {s}.consent_current (
            subject_id text NOT NULL,
            purpose text NOT NULL,
            status smallint NOT NULL,
            PRIMARY KEY (subject_id, purpose));
        CREATE INDEX consent_current_by_purpose ON {s}.consent_current (purpose, status, subject_id);
        CREATE TABLE {s}.consent_idempotency (
            idempotency_key text PRIMARY KEY,
            fingerprint text NOT NULL,
            version bigint NOT NULL,
            position bigint NOT NULL);

        -- One append, all or nothing, in one round trip. Outcome 0: appended; 1: a duplicate of the key's first
        -- append; 2: the key was used with other changes; 3: the subject is not at the expected version.
        CREATE FUNCTION {s}.consent_append(
            p_subject text, p_actions smallint[], p_values text[], p_accepted text, p_purposes text[], p_statuses smallint[],
            p_occurred bigint, p_recorded bigint, p_source text, p_evidence text, p_key text, p_fingerprint text,
            p_expected bigint, p_channel text)
        RETURNS TABLE (out_outcome integer, out_version bigint, out_position bigint) LANGUAGE plpgsql AS $$
        DECLARE
            v_position bigint;
            v_version bigint := 0;
            v_accepted text;
            v_count integer := cardinality(p_actions);
            v_key record;
        BEGIN
            -- One append at a time in the whole ledger: positions are handed out in commit order, so a reader that
            -- has seen a position never misses a smaller one committed later.
            SELECT c.position INTO v_position FROM {s}.consent_position c WHERE c.singleton = 1 FOR UPDATE;
            IF p_key IS NOT NULL THEN
                SELECT k.fingerprint, k.version, k.position INTO v_key FROM {s}.consent_idempotency k WHERE k.idempotency_key = p_key;
                IF FOUND THEN
                    RETURN QUERY SELECT CASE WHEN v_key.fingerprint = p_fingerprint THEN 1 ELSE 2 END, v_key.version, v_key.position;
                    RETURN;
                END IF;
            END IF;

            SELECT s.version, s.accepted_version INTO v_version, v_accepted FROM {s}.consent_subject s WHERE s.subject_id = p_subject;
            IF NOT FOUND THEN
                v_version := 0;
            END IF;

            IF p_expected IS NOT NULL AND p_expected <> v_version THEN
                RETURN QUERY SELECT 3, v_version, 0::bigint;
                RETURN;
            END IF;

            INSERT INTO {s}.consent_history (position, subject_id, version, action, value, occurred_at, recorded_at, source, evidence)
            SELECT v_position + c.n, p_subject, v_version + c.n, c.action, c.value, p_occurred, p_recorded, p_source, p_evidence
            FROM unnest(p_actions, p_values) WITH ORDINALITY AS c(action, value, n);
            v_position := v_position + v_count;
            v_version := v_version + v_count;
            UPDATE {s}.consent_position SET position = v_position WHERE singleton = 1;

            INSERT INTO {s}.consent_subject (subject_id, version, accepted_version) VALUES (p_subject, v_version, coalesce(p_accepted, v_accepted))
            ON CONFLICT (subject_id) DO UPDATE SET version = excluded.version, accepted_version = excluded.accepted_version;
            INSERT INTO {s}.consent_current (subject_id, purpose, status)
            SELECT p_subject, c.purpose, c.status FROM unnest(p_purposes, p_statuses) AS c(purpose, status)
            ON CONFLICT (subject_id, purpose) DO UPDATE SET status = excluded.status;
            IF p_key IS NOT NULL THEN
                INSERT INTO {s}.consent_idempotency (idempotency_key, fingerprint, version, position) VALUES (p_key, p_fingerprint, v_version, v_position);
            END IF;

            -- Delivered to every listening process when, and only if, the append commits.
            PERFORM pg_notify(p_channel, p_subject);
            RETURN QUERY SELECT 0, v_version, v_position;
        END $$;
        """;

    /// <summary>Creates the ledger's objects in an empty or missing schema, or checks those of an existing ledger.</summary>
    public static async Task EnsureAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Processes starting together wait here for the first to finish; the others then find its ledger.
        command.CommandText = "SELECT pg_advisory_xact_lock(hashtextextended('octopus_privacy.schema:' || $1, 0))";
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        command.CommandText = "SELECT to_regclass(quote_ident($1) || '.octopus_privacy_schema') IS NOT NULL";
        var isLedger = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (isLedger)
        {
            command.CommandText = $"SELECT version FROM {Quote(schema)}.octopus_privacy_schema WHERE singleton = 1";
            command.Parameters.Clear();
            var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int found ? found : 0;
            if (version > Version)
            {
                throw new InvalidOperationException($"The consent ledger in schema '{schema}' was written by a newer version of Octopus.Privacy.PostgreSql (schema {version}; this version reads schema {Version}). Nothing was written; upgrade the package.");
            }

            if (version == 1)
            {
                command.CommandText = Upgrade.Replace("{s}", Quote(schema), StringComparison.Ordinal);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (version != Version)
            {
                throw new InvalidOperationException($"The consent ledger in schema '{schema}' has an unknown schema version {version}. Nothing was written.");
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        command.CommandText = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
        {
            throw new InvalidOperationException($"The schema '{schema}' is not an Octopus.Privacy consent ledger: it has tables of its own. Nothing was written; give the ledger a schema of its own (PostgreSqlConsentLedgerOptions.Schema).");
        }

        command.CommandText = (Create + Upgrade).Replace("{s}", Quote(schema), StringComparison.Ordinal);
        command.Parameters.Clear();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema name as a quoted identifier; names are checked to be lower-case letters, digits and underscores.</summary>
    public static string Quote(string schema) => "\"" + schema + "\"";
}
