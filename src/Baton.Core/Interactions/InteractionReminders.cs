using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Interactions;

/// <summary>
/// Reminds people of interactions that have waited: each open one is raised again (<c>task.input_required</c> or
/// <c>phase.input_required</c>, marked as a reminder, through the same notifications, webhooks and hooks) once per
/// <see cref="Every"/> since it was opened or last reminded. Runs on one node of a cluster at a time; the store's
/// conditional update keeps two nodes from reminding of the same one twice.
/// </summary>
public sealed partial class InteractionReminders(IInteractionStore store, TimeProvider time, ILogger<InteractionReminders> logger)
{
    /// <summary>How long an interaction waits between reminders.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>How often the reminders look for interactions that are due.</summary>
    public static readonly TimeSpan LookInterval = TimeSpan.FromMinutes(1);

    private const int Batch = 100;

    /// <summary>One round: reminds of every open interaction due; returns how many.</summary>
    public async Task<int> RemindOnceAsync(CancellationToken cancellationToken = default)
    {
        var reminded = 0;
        while (true)
        {
            var dueBefore = time.GetUtcNow() - Every;
            var due = await store.FindDueRemindersAsync(dueBefore, Batch, cancellationToken);
            foreach (var interaction in due)
            {
                if (await store.RemindAsync(interaction.Id, dueBefore, time.GetUtcNow(), cancellationToken))
                {
                    reminded++;
                }
            }

            if (due.Count < Batch)
            {
                return reminded;
            }
        }
    }

    /// <summary>Reminds now and then every <see cref="LookInterval"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await RemindOnceAsync(cancellationToken) is var count and > 0)
                {
                    LogReminded(logger, count);
                }

                await Task.Delay(LookInterval, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (BatonException ex)
            {
                // A busy or unreachable store: the next round tries again; a reminder a minute late is harmless.
                LogRemindFailed(logger, ex.Message);
                await Task.Delay(LookInterval, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded people of {Count} interactions still waiting for an answer")]
    private static partial void LogReminded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send reminders of waiting interactions ({Reason}); trying again in a minute")]
    private static partial void LogRemindFailed(ILogger logger, string reason);
}
