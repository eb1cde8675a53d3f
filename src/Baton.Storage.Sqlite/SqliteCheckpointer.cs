using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database once a second, off the write path. Passive checkpoints never block
/// writers or readers; what they cannot copy yet (a reader still needs it) is copied next time. Under sustained
/// writes this one never reaches the log's end, so the writer also checkpoints past a bound (see
/// <see cref="SqliteStoreOptions.CheckpointInBackground"/>), finding most of the log copied already.
/// </summary>
public sealed partial class SqliteCheckpointer(SqliteStoreOptions options, TimeProvider time, ILogger<SqliteCheckpointer> logger) : IStoreMaintenance
{
    /// <summary>How often a checkpoint runs. Default 1 s: a longer interval lets hot pages (index tails) be copied once for many commits.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checkpoints until <paramref name="stopping"/> fires, then once more.</summary>
    public async Task RunAsync(CancellationToken stopping = default)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(stopping);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA wal_checkpoint(PASSIVE);";
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }

            await CheckpointAsync(command, CancellationToken.None);
        }

        await CheckpointAsync(command, CancellationToken.None);
    }

    private async Task CheckpointAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            // A busy or failing database is reported by the writes that need it; the next checkpoint may succeed.
            LogCheckpointFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint failed: {Reason}")]
    private static partial void LogCheckpointFailed(ILogger logger, string reason);
}
