using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// Writes an agent's progress to the store at most a few times a second: an agent can emit hundreds of events a
/// minute, and only the latest state matters. Writes after the attempt ended, or after another worker took it, are no-ops in the store.
/// </summary>
internal sealed partial class ProgressReporter(IAttemptStore store, AttemptKey attempt, string workerId, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private readonly Lock gate = new();
    private AgentProgress? latest;
    private bool flushScheduled;

    public void Report(AgentProgress progress)
    {
        lock (gate)
        {
            latest = progress;
            if (flushScheduled)
            {
                return;
            }

            flushScheduled = true;
        }

        _ = FlushSoonAsync();
    }

    private async Task FlushSoonAsync()
    {
        await Task.Delay(MinimumInterval, time);
        AgentProgress progress;
        lock (gate)
        {
            progress = latest!;
            flushScheduled = false;
        }

        try
        {
            await store.RecordProgressAsync(attempt, workerId, progress, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            // Progress is advisory; the attempt's end is recorded separately and reliably.
            LogProgressFailed(logger, attempt.ToString(), ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not record progress of attempt {Attempt}: {Reason}")]
    private static partial void LogProgressFailed(ILogger logger, string attempt, string reason);
}
