using Microsoft.Extensions.Logging;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Tells the other nodes that this process committed, by a NOTIFY on a connection of its own after the commit, never
/// inside the write transaction: PostgreSQL serialises the commits of notifying transactions, which would make the
/// notification the bottleneck of every write. At most one NOTIFY is in flight; the commits made while it is give
/// exactly one more, so a burst of commits costs two round trips, not one per commit. A lost NOTIFY only delays the
/// other nodes until their next poll.
/// </summary>
internal sealed partial class ChangeNotifier(NpgsqlDataSource dataSource, string channel, string payload, ILogger<ChangeNotifier> logger) : IAsyncDisposable
{
    private const int Idle = 0;
    private const int Sending = 1;
    private const int SendingAndAgain = 2;

    private readonly CancellationTokenSource stopping = new();
    private int state;
    private Task sender = Task.CompletedTask;

    /// <summary>Asks for one NOTIFY after the present one (if any) completes.</summary>
    public void Signal()
    {
        while (true)
        {
            var current = Volatile.Read(ref state);
            if (current == SendingAndAgain)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref state, current + 1, current) == current)
            {
                if (current == Idle)
                {
                    sender = Task.Run(SendAsync);
                }

                return;
            }
        }
    }

    private async Task SendAsync()
    {
        do
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stopping.Token);
                await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                command.Parameters.AddWithValue("channel", channel);
                command.Parameters.AddWithValue("payload", payload);
                await command.ExecuteNonQueryAsync(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                Volatile.Write(ref state, Idle);
                return;
            }
            catch (NpgsqlException ex)
            {
                LogNotifyFailed(logger, ex.Message);
            }
        }
        while (Interlocked.Decrement(ref state) > Idle);
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
}
