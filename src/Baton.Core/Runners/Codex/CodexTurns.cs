using System.Threading.Channels;
using Baton.Core.Interactions;
using Baton.Core.Logs;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// The turns of one <c>codex app-server</c> thread: the first with the prompt, steered with people's messages while it
/// runs (<c>turn/steer</c>), interrupted when the task is paused (<c>turn/interrupt</c>), and followed by a new turn for
/// messages that came too late to steer the last, until a turn ends with nothing left to say. It waits only on the
/// conversation and on the server's end-of-turn notices, which the session hands it as stdout is read.
/// </summary>
/// <param name="channel">Baton's requests to the server.</param>
/// <param name="conversation">People's messages, and the request to pause.</param>
/// <param name="log">The attempt's log, for notices of what was done to a turn.</param>
internal sealed class CodexTurns(CodexRpcChannel channel, IAttemptConversation conversation, AttemptLog log)
{
    private readonly Channel<string> endedTurns = Channel.CreateUnbounded<string>();

    /// <summary>The server said the turn with this id ended (<c>turn/completed</c>).</summary>
    public void Completed(string turnId) => endedTurns.Writer.TryWrite(turnId);

    /// <summary>Starts a turn with the prompt and runs turns until one ends with nothing left to say.</summary>
    /// <param name="threadId">The thread started or resumed.</param>
    /// <param name="prompt">The task's prompt.</param>
    /// <param name="planModel">The thread's model when the agent plans only (sent with every turn); otherwise null.</param>
    /// <param name="token">Cancelled when the process ended or the run is abandoned.</param>
    public async Task RunAsync(string threadId, string prompt, string? planModel, CancellationToken token)
    {
        var turnId = await StartTurnAsync(threadId, [prompt], planModel, token);
        var paused = false;
        var watchMessages = true;
        var pause = Task.Delay(Timeout.Infinite, conversation.PauseRequested);
        while (turnId is not null)
        {
            var turnEnded = endedTurns.Reader.WaitToReadAsync(token).AsTask();
            var message = watchMessages ? conversation.Messages.WaitToReadAsync(token).AsTask() : Task.Delay(Timeout.Infinite, token);
            var next = await Task.WhenAny(turnEnded, message, pause);
            token.ThrowIfCancellationRequested();
            if (next == pause)
            {
                // Interrupted, the turn ends as "interrupted" and the thread stays on disk for the resume.
                paused = true;
                pause = Task.Delay(Timeout.Infinite, token);
                log.WriteNotice("pausing: interrupting the codex turn; the thread is kept");
                await channel.RequestAsync("turn/interrupt", CodexAppServerMessages.Interrupt(threadId, turnId), token);
            }
            else if (next == message)
            {
                watchMessages = await (Task<bool>)message;
                await SteerAsync(threadId, turnId, token);
            }
            else if (TurnEnded(turnId))
            {
                // Messages that came too late to steer the turn start the next one, unless the task is being paused.
                var late = paused ? [] : Drain();
                turnId = late.Count == 0 ? null : await StartTurnAsync(threadId, [.. late.Select(m => m.Text)], planModel, token);
                foreach (var delivered in turnId is null ? [] : late)
                {
                    await conversation.MessageDeliveredAsync(delivered, CancellationToken.None);
                }
            }
        }
    }

    private bool TurnEnded(string turnId)
    {
        var ended = false;
        while (endedTurns.Reader.TryRead(out var id))
        {
            ended |= id == turnId;
        }

        return ended;
    }

    private List<SteeringMessage> Drain()
    {
        var messages = new List<SteeringMessage>();
        while (conversation.Messages.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Delivers waiting messages into the running turn; the agent sees them at its next model request.</summary>
    private async Task SteerAsync(string threadId, string turnId, CancellationToken token)
    {
        while (conversation.Messages.TryPeek(out var message))
        {
            var reply = await channel.RequestAsync("turn/steer", CodexAppServerMessages.Steer(threadId, turnId, message.Text), token);
            if (!reply.Succeeded)
            {
                // The turn ended meanwhile: the message stays queued and starts the next turn.
                return;
            }

            conversation.Messages.TryRead(out _);
            log.WriteNotice($"delivered a message from {message.SentBy} into the running turn");
            await conversation.MessageDeliveredAsync(message, CancellationToken.None);
        }
    }

    private async Task<string?> StartTurnAsync(string threadId, IReadOnlyList<string> texts, string? planModel, CancellationToken token)
    {
        var reply = await channel.RequestAsync("turn/start", CodexAppServerMessages.TurnStart(threadId, texts, planModel), token);
        return reply.Succeeded ? JsonFields.Text(JsonFields.Child(reply.Result, "turn"), "id") : null;
    }
}
