using Baton.Core.Tasks;
using Baton.Core.Text;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Storage.Postgres;

/// <summary>
/// Conversions between Baton's values and the columns that hold them, and typed parameters: PostgreSQL infers a
/// parameter's type from the statement, which fails for a null used only in <c>@x IS NULL</c>, so every parameter
/// carries its type.
/// </summary>
internal static class PgValues
{
    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long? ToUnixMs(DateTimeOffset? time) => time is { } t ? t.ToUnixTimeMilliseconds() : null;

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>An SQL list of the wire names of the states from which <paramref name="to"/> may be entered.</summary>
    public static string SourcesOf(TaskState to) => string.Join(", ", TaskTransitions.SourcesOf(to).Select(s => $"'{s.ToWire()}'"));

    /// <summary>Text, as every store keeps it (<see cref="StoredText"/>: PostgreSQL refuses NUL characters).</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value) => Add(command, name, NpgsqlDbType.Text, StoredText.Of(value));

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long? value) => Add(command, name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int? value) => Add(command, name, NpgsqlDbType.Integer, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, decimal? value) => Add(command, name, NpgsqlDbType.Numeric, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, bool value) => Add(command, name, NpgsqlDbType.Boolean, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, IReadOnlyList<string> values) =>
        Add(command, name, NpgsqlDbType.Array | NpgsqlDbType.Text, values.Select(StoredText.Of).ToArray());

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, ReadOnlyMemory<byte> value) => Add(command, name, NpgsqlDbType.Bytea, value);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long[] values) =>
        Add(command, name, NpgsqlDbType.Array | NpgsqlDbType.Bigint, values);

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) => new(sql, connection, transaction);

    private static NpgsqlCommand Add(NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    public static long? GetInt64OrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? GetTimeOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromUnixMs(reader.GetInt64(ordinal));
}
