using System.Collections.Concurrent;
using Baton.Core.Attempts;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Baton.Core.Engine;

/// <summary>
/// Hands people's requests to the attempts this worker runs. Requests are rows in the store, so that any node's API
/// can make them; the worker running the attempt reads them when woken, and at every lease renewal in case a wake-up
/// was lost.
/// </summary>
internal sealed partial class InstructionCarrier(
    IAttemptStore store, string workerId, ConcurrentDictionary<AttemptKey, AttemptSlot> running, ILogger logger)
{
    /// <summary>
    /// Carries out what people asked of this worker's running attempts: cancels, pauses (a graceful interrupt through the
    /// attempt's conversation, a stop for attempts without one), answers for waiting asks, messages into sessions.
    /// </summary>
    public async Task CarryOutAsync(CancellationToken cancellationToken)
    {
        if (running.IsEmpty)
        {
            return;
        }

        foreach (var instructions in await store.FindInstructionsAsync(workerId, cancellationToken))
        {
            if (!running.TryGetValue(instructions.Attempt, out var slot))
            {
                continue;
            }

            if (instructions.CancelRequested)
            {
                if (slot.TryStop(StopReason.Cancelled))
                {
                    LogStopping(logger, instructions.Attempt.ToString(), StopReason.Cancelled);
                }

                continue;
            }

            var conversation = slot.Conversation;
            foreach (var answered in instructions.Answers)
            {
                conversation?.Answer(answered);
            }

            foreach (var message in instructions.Messages)
            {
                conversation?.Post(message);
            }

            if (instructions.PauseRequested)
            {
                LogStopping(logger, instructions.Attempt.ToString(), StopReason.Paused);
                if (conversation is not null)
                {
                    conversation.RequestPause();
                }
                else
                {
                    slot.TryStop(StopReason.Paused);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping attempt {Attempt}: {Reason}")]
    private static partial void LogStopping(ILogger logger, string attempt, StopReason reason);
}
