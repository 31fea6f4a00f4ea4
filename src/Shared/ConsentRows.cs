using System.Data.Common;

namespace Octopus.Privacy;

/// <summary>
/// How the database stores read their rows back, one way for all: a history row as a <see cref="ConsentRecord"/>, and a
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
