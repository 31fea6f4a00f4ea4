using System.Data.Common;

namespace Octopus.Privacy;

/// <summary>
/// How the database stores read their rows back, one way for all: a history row as a <see cref="ConsentRecord"/>, a
/// decision-log row as a <see cref="DecisionLogEntry"/>, an erasure row as a <see cref="ConsentErasure"/>, and a
/// current-state row applied to a subject's state with <see cref="ConsentState"/>'s own methods. Compiled into each
/// database store (this file is linked into their projects): the row shapes are the stores', not the engine's.
/// </summary>
internal static class ConsentRows
{
    /// <summary>The history columns <see cref="Record"/> reads, in its order; times are UTC ticks, the action a small integer.</summary>
    public const string RecordColumns = "subject_id, version, position, action, value, occurred_at, recorded_at, source, evidence";

    /// <summary>The record in the reader's current row, selected with <see cref="RecordColumns"/>.</summary>
    public static ConsentRecord Record(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetInt64(2),
        new ConsentChange((ConsentAction)reader.GetInt16(3), reader.GetString(4)),
        new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));

    /// <summary>The decision-log columns <see cref="Decision"/> reads, in its order, but the categories, which each store keeps its own way.</summary>
    public const string DecisionColumns = "decided_at, subject_id, purpose, recipient, permitted, reason, policy_name, policy_version, rule_id, clause, ledger_version";

    /// <summary>The erasure-record columns <see cref="Erasure"/> reads, in its order.</summary>
    public const string ErasureColumns = "subject_id, erased_at, reason, first_version, last_version, records_erased, decisions_erased";

    /// <summary>The decision-log entry in the reader's current row, selected with <see cref="DecisionColumns"/>, with the categories the store read.</summary>
    public static DecisionLogEntry Decision(DbDataReader reader, IReadOnlyList<string> categories) => new(
        new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero),
        reader.GetString(1),
        categories,
        reader.GetString(2),
        reader.GetString(3),
        reader.GetBoolean(4),
        (DecisionReason)reader.GetInt16(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetInt64(10));

    /// <summary>The erasure record in the reader's current row, selected with <see cref="ErasureColumns"/>.</summary>
    public static ConsentErasure Erasure(DbDataReader reader) => new(
        reader.GetString(0),
        new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
        reader.GetString(2),
        reader.GetInt64(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.GetInt64(6));

    /// <summary>
    /// The state with the purpose status in the reader's current row applied: the purpose at <paramref name="purposeColumn"/>
    /// and its status after it, both null for a subject with no purpose recorded.
    /// </summary>
    public static ConsentState WithStatus(ConsentState state, DbDataReader reader, int purposeColumn)
    {
        if (reader.IsDBNull(purposeColumn))
        {
            return state;
        }

        var purpose = reader.GetString(purposeColumn);
        return reader.GetInt16(purposeColumn + 1) == (short)ConsentStatus.Withdrawn ? state.Withdraw(purpose) : state.Grant(purpose);
    }
}
