using Microsoft.Data.Sqlite;

namespace Octopus.Privacy.Sqlite;

/// <summary>
/// The ledger's tables, created on first use in one immediate transaction. Version 1: an append-only history
/// (updates and deletes are refused by triggers), the current state per subject and per subject and purpose, and the
/// idempotency keys. A file written by a newer schema, or a database that is not a ledger, is refused untouched.
/// </summary>
internal static class SqliteLedgerSchema
{
    public const int Version = 1;

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
    public static void Ensure(SqliteConnection connection, string file, bool readOnly)
    {
        // One read transaction, so that both looks see one committed state: another process may be creating the
        // ledger at this moment, and between two separate reads its tables would look like another application's.
        using (var look = connection.BeginTransaction(deferred: true))
        {
            var isLedger = Inspect(connection, look, file);
            look.Commit();
            if (isLedger)
            {
                return;
            }
        }

        if (readOnly)
        {
            throw new InvalidOperationException($"The database '{file}' is not a consent ledger yet, and it is read-only, so none can be made of it. Nothing was written.");
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        if (!Inspect(connection, transaction, file))
        {
            // Another process may have made the ledger since the first look; the immediate transaction now holds the lock.
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Create;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Whether the database is a ledger of this schema (true) or empty (false); anything else is refused.</summary>
    private static bool Inspect(SqliteConnection connection, SqliteTransaction? transaction, string file)
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

            return version == Version
                ? true
                : throw new InvalidOperationException($"The consent ledger '{file}' has an unknown schema version {version}. Nothing was written.");
        }

        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0
            ? throw new InvalidOperationException($"The database '{file}' is not an Octopus.Privacy consent ledger: it has tables of its own. Nothing was written, and the file is as it was; give the ledger a file of its own.")
            : false;
    }
}
