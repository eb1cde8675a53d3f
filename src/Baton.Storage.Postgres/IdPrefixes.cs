using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Looks ids up by a prefix, for the short ids people type.</summary>
internal static class IdPrefixes
{
    /// <summary>Up to <paramref name="limit"/> ids of <paramref name="table"/> (tasks or workflows) that start with <paramref name="prefix"/>.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(NpgsqlConnection connection, string table, string prefix, int limit, CancellationToken cancellationToken)
    {
        // A range scan on the unique id index; the prefix holds only id characters, so no escaping is needed.
        await using var command = Command(connection, $"SELECT id FROM {table} WHERE id >= @low AND id < @high ORDER BY id LIMIT @limit")
            .With("@low", prefix).With("@high", prefix + "\uffff").With("@limit", limit);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
