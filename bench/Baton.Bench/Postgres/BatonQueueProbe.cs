using Npgsql;

namespace Baton.Bench.Postgres;

/// <summary>
/// Reads Baton's tables on the PostgreSQL database (schema <c>baton</c>) over a connection of its own, to see when
/// tasks completed and when their attempts started, without adding work to Baton itself. The polls are prepared
/// statements over the partial index of unfinished tasks, so each costs PostgreSQL little.
/// </summary>
internal sealed class BatonQueueProbe : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly NpgsqlConnection connection;
    private readonly TimeProvider time;

    private BatonQueueProbe(NpgsqlConnection connection, TimeProvider time)
    {
        this.connection = connection;
        this.time = time;
    }

    public static async Task<BatonQueueProbe> OpenAsync(string connectionString, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return new BatonQueueProbe(connection, time);
    }

    /// <summary>Tasks not completed yet (queued, running, or ended otherwise).</summary>
    public async Task<long> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM baton.tasks WHERE status <> 'completed'", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Polls every <paramref name="interval"/> until <paramref name="expected"/> tasks exist and all are completed;
    /// returns when that was seen. Throws, naming the statuses, if any task ends otherwise or the deadline passes.
    /// </summary>
    public async Task<DateTimeOffset> WaitUntilAllCompletedAsync(int expected, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        await using var unfinished = new NpgsqlCommand("SELECT count(*) FROM baton.tasks WHERE status <> 'completed'", connection);
        await unfinished.PrepareAsync(cancellationToken);
        var begun = time.GetTimestamp();
        while (time.GetElapsedTime(begun) < Deadline)
        {
            if ((long)(await unfinished.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                var seen = time.GetUtcNow();
                var statuses = await StatusesAsync(cancellationToken);
                return statuses.GetValueOrDefault("completed") == expected && statuses.Count == 1
                    ? seen
                    : throw new InvalidOperationException($"expected {expected} completed Baton tasks, found {Describe(statuses)}");
            }

            await Task.Delay(interval, time, cancellationToken);
        }

        throw new TimeoutException($"Baton's tasks did not all complete within {Deadline.TotalMinutes:0} min: {Describe(await StatusesAsync(cancellationToken))}");
    }

    /// <summary>Polls every <paramref name="interval"/> until task <paramref name="taskId"/> completed; returns its attempt's start (Unix ms, the claim's time).</summary>
    public async Task<long> WaitUntilCompletedAsync(string taskId, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT t.status, a.started_at FROM baton.tasks t LEFT JOIN baton.attempts a ON a.task_seq = t.seq AND a.number = 1 WHERE t.id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = taskId });
        await command.PrepareAsync(cancellationToken);
        var begun = time.GetTimestamp();
        while (time.GetElapsedTime(begun) < Deadline)
        {
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    var status = reader.GetString(0);
                    if (status == "completed")
                    {
                        return reader.GetInt64(1);
                    }

                    if (status is "failed" or "cancelled" or "timed_out")
                    {
                        throw new InvalidOperationException($"Baton task {taskId} ended {status}, not completed");
                    }
                }
            }

            await Task.Delay(interval, time, cancellationToken);
        }

        throw new TimeoutException($"Baton task {taskId} did not complete within {Deadline.TotalMinutes:0} min");
    }

    /// <summary>The earliest attempt's start (Unix ms).</summary>
    public async Task<long> FirstStartedAtAsync(CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT min(started_at) FROM baton.attempts", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>How many distinct nodes ran attempts, to show the second node took part.</summary>
    public async Task<long> NodesThatRanAsync(CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT count(DISTINCT worker_id) FROM baton.attempts", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private async Task<Dictionary<string, long>> StatusesAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT status, count(*) FROM baton.tasks GROUP BY status", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            statuses[reader.GetString(0)] = reader.GetInt64(1);
        }

        return statuses;
    }

    private static string Describe(Dictionary<string, long> statuses) =>
        statuses.Count == 0 ? "none" : string.Join(", ", statuses.Select(s => $"{s.Value} {s.Key}"));
}
