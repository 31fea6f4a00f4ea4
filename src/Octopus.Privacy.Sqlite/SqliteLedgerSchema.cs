using Microsoft.Data.Sqlite;

namespace Octopus.Privacy.Sqlite;

/// <summary>
/// The ledger's tables, created on first use in one immediate transaction. Version 1: an append-only history
/// (updates and deletes are refused by triggers), the current state per subject and per subject and purpose, and the
/// idempotency keys. Version 2 adds the decision log and the erasure records, and lets the history's delete trigger
/// pass exactly the rows a recorded erasure covers; a version 1 file is upgraded in place, in one transaction, before
/// the first write to it (reads leave it as it is). A file written by a newer schema, or a database that is not a
/// ledger, is refused untouched.
/// </summary>
internal static class SqliteLedgerSchema
{
    public const int Version = 2;

    /// <summary>What version 2 adds to version 1; run in the transaction that creates or upgrades the ledger.</summary>
    private const string UpgradeTo2 = """
        CREATE TABLE consent_erasure (
            erasure_id INTEGER PRIMARY KEY AUTOINCREMENT,
            subject_id TEXT NOT NULL,
            erased_at INTEGER NOT NULL,
            reason TEXT NOT NULL,
            first_version INTEGER NOT NULL,
            last_version INTEGER NOT NULL,
            last_position INTEGER NOT NULL,
            records_erased INTEGER NOT NULL,
            decisions_erased INTEGER NOT NULL);
        CREATE INDEX consent_erasure_by_subject ON consent_erasure (subject_id, erasure_id);
        CREATE TRIGGER consent_erasure_is_append_only_update BEFORE UPDATE ON consent_erasure
            BEGIN SELECT RAISE(ABORT, 'the erasure records are append-only'); END;
        CREATE TRIGGER consent_erasure_is_append_only_delete BEFORE DELETE ON consent_erasure
            BEGIN SELECT RAISE(ABORT, 'the erasure records are append-only'); END;
        DROP TRIGGER consent_history_is_append_only_delete;
        CREATE TRIGGER consent_history_is_append_only_delete BEFORE DELETE ON consent_history
            WHEN NOT EXISTS (SELECT 1 FROM consent_erasure e WHERE e.subject_id = OLD.subject_id AND e.last_position >= OLD.position)
            BEGIN SELECT RAISE(ABORT, 'the consent history is append-only: only a recorded erasure removes a subject''s records'); END;
        CREATE TABLE decision_log (
            entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
            subject_id TEXT NOT NULL,
            decided_at INTEGER NOT NULL,
            categories TEXT NOT NULL,
            purpose TEXT NOT NULL,
            recipient TEXT NOT NULL,
            permitted INTEGER NOT NULL,
            reason INTEGER NOT NULL,
            policy_name TEXT NOT NULL,
            policy_version TEXT NOT NULL,
            rule_id TEXT,
            clause TEXT,
            ledger_version INTEGER NOT NULL);
        CREATE INDEX decision_log_by_subject ON decision_log (subject_id, decided_at);
        CREATE INDEX decision_log_by_time ON decision_log (decided_at);
        UPDATE octopus_privacy_schema SET version = 2;
        """;

    private const string Create = """
        CREATE TABLE octopus_privacy_schema (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            version INTEGER NOT NULL);
        INSERT INTO octopus_privacy_schema (singleton, version) VALUES (1, 1);
        CREATE TABLE consent_history (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            subject_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            action INTEGER NOT NULL,
            value TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            source TEXT,
            evidence TEXT,
            UNIQUE (subject_id, version));
        CREATE TRIGGER consent_history_is_append_only_update BEFORE UPDATE ON consent_history
            BEGIN SELECT RAISE(ABORT, 'the consent history is append-only'); END;
        CREATE TRIGGER consent_history_is_append_only_delete BEFORE DELETE ON consent_history
            BEGIN SELECT RAISE(ABORT, 'the consent history is append-only'); END;
        CREATE TABLE consent_subject (
            subject_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            accepted_version TEXT) WITHOUT ROWID;
        CREATE TABLE consent_current (
            subject_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            status INTEGER NOT NULL,
            PRIMARY KEY (subject_id, purpose)) WITHOUT ROWID;
        CREATE INDEX consent_current_by_purpose ON consent_current (purpose, status, subject_id);
        CREATE TABLE consent_idempotency (
            idempotency_key TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            version INTEGER NOT NULL,
            position INTEGER NOT NULL) WITHOUT ROWID;
        """;

    /// <summary>
    /// Checks the tables of an existing ledger, or creates them in an empty database. The database is read first,
    /// outside any write: a file that is not a ledger (or of a newer schema) is refused before anything is written.
    /// </summary>
    /// <returns>The schema version of the ledger: <see cref="Version"/>, or 1 for a version 1 file (see <see cref="Upgrade"/>).</returns>
    public static int Ensure(SqliteConnection connection, string file, bool readOnly)
    {
        // One read transaction, so that both looks see one committed state: another process may be creating the
        // ledger at this moment, and between two separate reads its tables would look like another application's.
        int found;
        using (var look = connection.BeginTransaction(deferred: true))
        {
            found = Inspect(connection, look, file);
            look.Commit();
            if (found > 0)
            {
                return found;
            }
        }

        if (readOnly)
        {
            throw new InvalidOperationException($"The database '{file}' is not a consent ledger yet, and it is read-only, so none can be made of it. Nothing was written.");
        }

        using var transaction = connection.BeginTransaction(deferred: false);

        // Another process may have made or upgraded the ledger since the first look; the immediate transaction now holds the lock.
        found = Inspect(connection, transaction, file);
        if (found == 0)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Create + UpgradeTo2;
            command.ExecuteNonQuery();
            found = Version;
        }

        transaction.Commit();
        return found;
    }

    /// <summary>Upgrades a version 1 ledger to this version in one immediate transaction; another process may have done it already.</summary>
    /// <returns><see cref="Version"/>.</returns>
    public static int Upgrade(SqliteConnection connection, string file)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Inspect(connection, transaction, file) < Version)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = UpgradeTo2;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Version;
    }

    /// <summary>The ledger's schema version (1 or 2), or 0 for an empty database; anything else is refused.</summary>
    private static int Inspect(SqliteConnection connection, SqliteTransaction? transaction, string file)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'octopus_privacy_schema'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1)
        {
            command.CommandText = "SELECT version FROM octopus_privacy_schema WHERE singleton = 1";
            var version = command.ExecuteScalar() is long found ? found : 0;
            if (version > Version)
            {
                throw new InvalidOperationException($"The consent ledger '{file}' was written by a newer version of Octopus.Privacy.Sqlite (schema {version}; this version reads schema {Version}). Nothing was written; upgrade the package.");
            }

            return version is >= 1 and <= Version
                ? (int)version
                : throw new InvalidOperationException($"The consent ledger '{file}' has an unknown schema version {version}. Nothing was written.");
        }

        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0
            ? throw new InvalidOperationException($"The database '{file}' is not an Octopus.Privacy consent ledger: it has tables of its own. Nothing was written, and the file is as it was; give the ledger a file of its own.")
            : 0;
    }
}
