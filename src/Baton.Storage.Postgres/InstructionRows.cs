using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// What people asked of a worker's running attempts: cancel and pause requests, undelivered steering messages, and
/// undelivered answers to interactions each attempt itself opened or took over (never another attempt's).
/// </summary>
internal static class InstructionRows
{
    /// <summary>The worker's running attempts with something to carry out, each with what it is.</summary>
    public static async Task<IReadOnlyList<AttemptInstructions>> FindAsync(NpgsqlConnection connection, string workerId, CancellationToken cancellationToken)
    {
        var found = new List<(AttemptKey Key, bool Cancel, bool Pause)>();
        await using (var command = Command(
            connection,
            """
            SELECT a.task_id, a.number, t.cancel_requested, t.pause_requested FROM attempts a JOIN tasks t ON t.seq = a.task_seq
            WHERE a.worker_id = @worker AND a.status = 'running' AND (t.cancel_requested = 1 OR t.pause_requested = 1
                OR EXISTS (SELECT 1 FROM steering_messages m WHERE m.task_id = a.task_id AND m.delivered_at IS NULL)
                OR EXISTS (SELECT 1 FROM interactions i WHERE i.task_id = a.task_id AND i.attempt_number = a.number
                    AND i.response IS NOT NULL AND i.delivered_at IS NULL))
            """).With("@worker", workerId))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((new AttemptKey(reader.GetString(0), reader.GetInt32(1)), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0));
            }
        }

        var instructions = new List<AttemptInstructions>(found.Count);
        foreach (var (key, cancel, pause) in found)
        {
            var messages = new List<SteeringMessage>();
            await using (var command = Command(
                connection,
                "SELECT id, task_id, text, sent_by, sent_at FROM steering_messages WHERE task_id = @task AND delivered_at IS NULL ORDER BY sent_at, id")
                .With("@task", key.TaskId))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    messages.Add(new SteeringMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), FromUnixMs(reader.GetInt64(4))));
                }
            }

            await using var answers = Command(
                connection,
                $"""
                SELECT {InteractionRows.Columns} FROM interactions
                WHERE task_id = @task AND attempt_number = @n AND response IS NOT NULL AND delivered_at IS NULL ORDER BY closed_at, id
                """).With("@task", key.TaskId).With("@n", key.Number);
            instructions.Add(new AttemptInstructions(key, cancel, pause, messages, await InteractionRows.ReadAllAsync(answers, cancellationToken)));
        }

        return instructions;
    }
}
