using Baton.Core.Text;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// How long workflow tasks of a name usually take, for estimates: the median of the latest twenty completed
/// attempts, by one command run again for each name.
/// </summary>
internal static class TypicalDurationsQuery
{
    public static async Task<IReadOnlyDictionary<string, TimeSpan>> ReadAsync(NpgsqlConnection connection, IReadOnlyCollection<string> taskNames, CancellationToken cancellationToken)
    {
        var typical = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        await using var command = Command(
            connection,
            """
            SELECT a.ended_at - a.started_at FROM tasks t JOIN attempts a ON a.task_seq = t.seq
            WHERE t.name = @name AND t.workflow_id IS NOT NULL AND a.status = 'completed'
            ORDER BY t.seq DESC LIMIT 20
            """);
        var name = command.Parameters.Add(new NpgsqlParameter("name", NpgsqlTypes.NpgsqlDbType.Text));
        foreach (var taskName in taskNames)
        {
            name.Value = StoredText.Of(taskName);
            var durations = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                durations.Add(reader.GetInt64(0));
            }

            if (durations.Count > 0)
            {
                durations.Sort();
                typical[taskName] = TimeSpan.FromMilliseconds(durations[durations.Count / 2]);
            }
        }

        return typical;
    }
}
