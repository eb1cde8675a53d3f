using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Tells the other nodes what this process did (committed, queued work, asked for attention), by NOTIFY on a
/// connection of its own after the commit, never inside the write transaction: PostgreSQL serialises the commits of
/// notifying transactions, which would make the notification the bottleneck of every write. At most one NOTIFY
/// transaction is in flight for all of them; what is signalled while it is goes out together in exactly one more, so
/// a burst of commits and enqueues costs two round trips (and two commits), not one per channel and per write. A
/// lost NOTIFY only delays the other nodes until their next poll.
/// </summary>
internal sealed partial class ChangeNotifier(NpgsqlDataSource dataSource, string process, ILogger<ChangeNotifier> logger) : IAsyncDisposable
{
    private const int Sending = 1 << 8;
    private const int Pending = Sending - 1;

    private readonly CancellationTokenSource stopping = new();
    private int state;
    private Task sender = Task.CompletedTask;

    /// <summary>Asks for <paramref name="notice"/> with the next NOTIFY (after the present one, if any, completes).</summary>
    public void Signal(Notice notice)
    {
        while (true)
        {
            var current = Volatile.Read(ref state);
            var next = current | (int)notice | Sending;
            if (next == current)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref state, next, current) == current)
            {
                if ((current & Sending) == 0)
                {
                    Volatile.Write(ref sender, Task.Run(SendAsync));
                }

                return;
            }
        }
    }

    /// <summary>
    /// Waits until nothing is pending or in flight: what was signalled before the call has been sent (or failed).
    /// The sender is started just after the state says it runs, so the loop may see the one before it once.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while ((Volatile.Read(ref state) & Sending) != 0)
        {
            var current = Volatile.Read(ref sender);
            if (current.IsCompleted)
            {
                await Task.Delay(1, cancellationToken);
            }
            else
            {
                // WhenAny: a sender that failed has logged why; flushing only waits for it to end.
                await Task.WhenAny(current, Task.Delay(Timeout.Infinite, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private async Task SendAsync()
    {
        while (TakePending() is var notices and not Notice.None)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stopping.Token);
                await using var command = Statement(connection, notices);
                await command.ExecuteNonQueryAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                Volatile.Write(ref state, 0);
                return;
            }
            catch (NpgsqlException ex)
            {
                LogNotifyFailed(logger, ex.Message);
            }
        }
    }

    /// <summary>What is pending now (the sender goes on), or nothing (and the sender stops, atomically).</summary>
    private Notice TakePending()
    {
        while (true)
        {
            var current = Volatile.Read(ref state);
            var next = (current & Pending) == 0 ? 0 : Sending;
            if (Interlocked.CompareExchange(ref state, next, current) == current)
            {
                return (Notice)(current & Pending);
            }
        }
    }

    private NpgsqlCommand Statement(NpgsqlConnection connection, Notice notices)
    {
        var sql = new StringBuilder("SELECT ");
        var command = new NpgsqlCommand { Connection = connection };
        void Add(string channel, string payload)
        {
            if (command.Parameters.Count > 0)
            {
                sql.Append(", ");
            }

            sql.Append("pg_notify('").Append(channel).Append("', $").Append(command.Parameters.Count + 1).Append(')');
            command.Parameters.Add(new NpgsqlParameter { Value = payload });
        }

        if (notices.HasFlag(Notice.Changes))
        {
            Add(PostgresDatabase.Channel, process);
        }

        if (notices.HasFlag(Notice.Work))
        {
            Add(PostgresDatabase.WorkChannel, process);
        }

        if (notices.HasFlag(Notice.Attention))
        {
            Add(PostgresDatabase.WorkChannel, process + PostgresDatabase.AttentionSuffix);
        }

        command.CommandText = sql.ToString();
        return command;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await sender;
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell other nodes of a commit ({Reason}); they will see it at their next poll")]
    private static partial void LogNotifyFailed(ILogger logger, string reason);

    /// <summary>What the other nodes are told.</summary>
    [Flags]
    public enum Notice
    {
        None = 0,

        /// <summary>This process committed events (<see cref="PostgresDatabase.Channel"/>, the process as payload).</summary>
        Changes = 1,

        /// <summary>This process queued work (<see cref="PostgresDatabase.WorkChannel"/>, the process as payload).</summary>
        Work = 2,

        /// <summary>A person asked something of a running task (<see cref="PostgresDatabase.WorkChannel"/>).</summary>
        Attention = 4,
    }
}
