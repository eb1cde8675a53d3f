using Baton.Core.Events;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Hears other nodes' commits: a connection of its own LISTENs on the store's channel and fires the change signal on
/// each notification from another process (and once after each (re)connection, for what it may have missed). A lost
/// connection is opened again by itself with a growing pause; meanwhile followers still poll, so nothing is lost,
/// only later.
/// </summary>
internal sealed partial class PostgresChangeListener(
    NpgsqlDataSource dataSource, ChangeSignal signal, ChangeSignal announced, ChangeSignal attention, string ownPayload, TimeProvider time, ILogger<PostgresChangeListener> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? loop;

    /// <summary>Completes once the first LISTEN is in place (for tests and callers that must not miss a commit).</summary>
    public Task Listening => listening.Task;

    /// <summary>Starts listening, once; later calls do nothing.</summary>
    public void Start()
    {
        if (loop is null && Interlocked.CompareExchange(ref loop, Task.CompletedTask, null) is null)
        {
            loop = Task.Run(() => RunAsync(stopping.Token));
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var pause = FirstPause;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == PostgresDatabase.WorkChannel)
                    {
                        // Queued work or a person's request announced by another process (this one's own are ignored).
                        if (e.Payload.EndsWith(PostgresDatabase.AttentionSuffix, StringComparison.Ordinal))
                        {
                            if (e.Payload != ownPayload + PostgresDatabase.AttentionSuffix)
                            {
                                attention.Notify();
                            }
                        }
                        else if (e.Payload != ownPayload)
                        {
                            announced.Notify();
                        }
                    }
                    else if (e.Payload != ownPayload)
                    {
                        // Another process's commit. This process's own fired the signal as they committed; hearing
                        // them again would only make every follower read once more for nothing.
                        signal.Notify();
                    }
                };
                await using (var command = new NpgsqlCommand($"LISTEN {PostgresDatabase.Channel}; LISTEN {PostgresDatabase.WorkChannel}", connection))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                // What committed or was queued while nobody listened is read by the next look; then tell who waits for LISTEN.
                signal.Notify();
                announced.Notify();
                attention.Notify();
                listening.TrySetResult();
                pause = FirstPause;
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                LogLost(logger, ex.Message, pause.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(pause, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is { } running)
        {
            await running;
        }

        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lost the database connection that hears other nodes' commits ({Reason}); trying again in {PauseMs} ms")]
    private static partial void LogLost(ILogger logger, string reason, double pauseMs);
}
