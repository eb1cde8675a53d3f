using Baton.Core.Attempts;
using Baton.Core.Storage;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// Attempt logs in PostgreSQL (table attempt_logs): one row per shipped chunk, keyed by where it starts in the log,
/// read back as one run of consecutive bytes that stops at the first gap.
/// </summary>
internal sealed class PostgresAttemptLogStore(PostgresDatabase database) : IAttemptLogStore
{
    /// <inheritdoc />
    public Task AppendAsync(AttemptKey attempt, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        if (chunk.IsEmpty)
        {
            return Task.CompletedTask;
        }

        // One statement, outside a write transaction: nobody waits on the change signal for log bytes, and a log
        // shipped every quarter second per attempt must not wake every claim loop of the process.
        return database.RunAsync(
            async connection =>
            {
                // A log only grows, so the bytes at an offset never change, only how many of them were shipped. Shipping
                // a chunk again (its reply lost) changes nothing; shipping it again longer (the file grew before the
                // retry) keeps the longer one, or the bytes between the two ends would be missing for good and every
                // reader would stop there.
                await using var command = Command(
                    connection,
                    """
                    INSERT INTO attempt_logs (task_id, attempt, "offset", bytes) VALUES (@task, @attempt, @offset, @bytes)
                    ON CONFLICT (task_id, attempt, "offset") DO UPDATE SET bytes = excluded.bytes
                    WHERE length(excluded.bytes) > length(attempt_logs.bytes)
                    """).With("@task", attempt.TaskId).With("@attempt", attempt.Number).With("@offset", offset).With("@bytes", chunk);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<byte[]> ReadAsync(AttemptKey attempt, long offset, int maxBytes, CancellationToken cancellationToken = default)
    {
        if (maxBytes <= 0)
        {
            return Task.FromResult(Array.Empty<byte>());
        }

        var end = offset + maxBytes;
        return database.RunAsync(
            async connection =>
            {
                // From the chunk that holds the offset (the last one starting at or before it, found on the primary key)
                // to the end of the window; each cut on the server to the part inside the window, so a read from the
                // middle of a large chunk carries only what it returns.
                await using var command = Command(
                    connection,
                    """
                    SELECT greatest("offset", @from),
                           substring(bytes FROM (greatest("offset", @from) - "offset" + 1)::integer
                                           FOR (least("offset" + length(bytes), @to) - greatest("offset", @from))::integer)
                    FROM attempt_logs
                    WHERE task_id = @task AND attempt = @attempt AND "offset" < @to AND "offset" + length(bytes) > @from
                      AND "offset" >= coalesce(
                          (SELECT max("offset") FROM attempt_logs WHERE task_id = @task AND attempt = @attempt AND "offset" <= @from), @from)
                    ORDER BY "offset"
                    """).With("@task", attempt.TaskId).With("@attempt", attempt.Number).With("@from", offset).With("@to", end);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                using var bytes = new MemoryStream();
                var next = offset;
                while (next < end && await reader.ReadAsync(cancellationToken))
                {
                    var start = reader.GetInt64(0);
                    if (start > next)
                    {
                        // Bytes before this chunk have not arrived: a reader must never skip them.
                        break;
                    }

                    var slice = reader.GetFieldValue<byte[]>(1);
                    var skip = next - start;
                    if (skip < slice.Length)
                    {
                        bytes.Write(slice, (int)skip, slice.Length - (int)skip);
                        next = start + slice.Length;
                    }
                }

                return bytes.ToArray();
            },
            cancellationToken);
    }
}
