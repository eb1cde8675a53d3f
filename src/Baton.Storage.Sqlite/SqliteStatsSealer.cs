using Baton.Core.Application;
using Baton.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Rolls up the statistics of days that are over in the background, at start and then hourly, for the longest window
/// a query may ask, so that no statistics request (a person's <c>baton stats</c>, the dashboard's Metrics page) has
/// to roll up a month of tasks first.
/// </summary>
public sealed partial class SqliteStatsSealer : IStoreMaintenance
{
    private readonly SqliteTaskStore tasks;
    private readonly TimeProvider time;
    private readonly ILogger<SqliteStatsSealer> logger;

    internal SqliteStatsSealer(SqliteTaskStore tasks, TimeProvider time, ILogger<SqliteStatsSealer> logger)
    {
        this.tasks = tasks;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>How often it looks for days to roll up. Default an hour: a day is over once a day.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Rolls up what is due until <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping = default)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var sealedDays = await tasks.SealDaysAsync(StatsWindow.Of(now - StatsService.MaxWindow, now), stopping);
                if (sealedDays > 0)
                {
                    LogSealed(logger, sealedDays);
                }

                await Task.Delay(Interval, time, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is SqliteException or Core.Errors.BatonException)
            {
                // A busy or failing database is reported by the writes that need it; queries roll up what they need.
                LogFailed(logger, ex.Message);
                await DelayQuietlyAsync(stopping);
            }
        }
    }

    private async Task DelayQuietlyAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(Interval, time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled up the statistics of {Days} day(s)")]
    private static partial void LogSealed(ILogger logger, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rolling up statistics failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
