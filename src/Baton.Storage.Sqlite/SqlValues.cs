using Baton.Core.Tasks;
using Baton.Core.Text;
using Microsoft.Data.Sqlite;

namespace Baton.Storage.Sqlite;

/// <summary>Conversions between Baton's values and the columns that hold them.</summary>
internal static class SqlValues
{
    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static object Db(object? value) => value ?? DBNull.Value;

    public static object Db(DateTimeOffset? time) => time is { } t ? ToUnixMs(t) : DBNull.Value;

    /// <summary>An SQL list of the wire names of the states from which <paramref name="to"/> may be entered.</summary>
    public static string SourcesOf(TaskState to) => string.Join(", ", TaskTransitions.SourcesOf(to).Select(s => $"'{s.ToWire()}'"));

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Binds <paramref name="value"/>; text as every store keeps it (<see cref="StoredText"/>).</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, (value is string text ? StoredText.Of(text) : value) ?? DBNull.Value);
        return command;
    }

    public static long? GetInt64OrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetTimeOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromUnixMs(reader.GetInt64(ordinal));
}
