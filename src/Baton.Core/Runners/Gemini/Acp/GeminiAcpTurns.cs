using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// The prompt turns of one gemini-cli ACP session, with people in the loop. A permission request becomes an
/// interaction, and the answer goes back as the option gemini offered. ACP has no way to add to a running turn, and
/// gemini drops the request being answered from its history when a turn is cancelled: before the turn's first tool
/// call that is the prompt itself, so a steering message then cancels the turn (<c>session/cancel</c>) and the next
/// prompt carries the prompt again followed by the message; after a tool call it would be the tool's result, leaving
/// the model's function call unanswered, which the Gemini API refuses, so the message waits for the turn to end and
/// is the next prompt. ACP's reject carries no reason either: a denial's message (and an approval's feedback) is
/// sent as the next prompt once the turn ends. A pause cancels the turn at once and keeps the session. Calls of
/// Baton's own MCP tools, when the session has Baton's server, are approved without asking anyone.
/// </summary>
internal sealed class GeminiAcpTurns(
    AttemptContext context, IAttemptConversation conversation, AcpConnection connection, GeminiAcpUpdates updates, GeminiAcpUsage usage,
    bool batonTools = false)
{
    private static readonly InteractionResponse BatonApproval =
        new() { Decision = InteractionDecision.Approve, RespondedBy = "baton" };

    private readonly List<string> followUps = [];
    private readonly List<SteeringMessage> steered = [];

    /// <summary>True once a pause cancelled the turn.</summary>
    public bool Paused { get; private set; }

    /// <summary>Runs turns until one ends with nothing more to tell the agent; returns the last turn's stop reason.</summary>
    public async Task<string> RunAsync(string sessionId, string prompt, CancellationToken stop)
    {
        var next = prompt;
        IReadOnlyList<SteeringMessage> delivering = [];
        while (true)
        {
            var stopReason = await TurnAsync(sessionId, next, delivering, stop);
            if (Paused)
            {
                return stopReason;
            }

            while (conversation.Messages.TryRead(out var queued))
            {
                Steer(queued);
            }

            if (followUps.Count == 0)
            {
                return stopReason;
            }

            next = string.Join("\n\n", followUps);
            delivering = [.. steered];
            followUps.Clear();
            steered.Clear();
        }
    }

    private async Task<string> TurnAsync(string sessionId, string text, IReadOnlyList<SteeringMessage> delivering, CancellationToken stop)
    {
        updates.StartTurn();
        var prompt = new JsonObject
        {
            ["sessionId"] = sessionId,
            ["prompt"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        };
        var answer = await connection.SendAsync("session/prompt", prompt, stop);
        foreach (var delivered in delivering)
        {
            await conversation.MessageDeliveredAsync(delivered, stop);
            context.Log.WriteNotice($"steering message {delivered.Id} from {delivered.SentBy} sent to gemini as a new prompt");
        }

        var pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onPause = conversation.PauseRequested.Register(() => pause.TrySetResult());
        var waiting = new Queue<AcpIncoming>();
        Task<bool>? incoming = null;
        Task<bool>? message = null;
        Asking? asking = null;
        var cancelled = false;
        var steering = false;
        while (!answer.IsCompleted)
        {
            incoming ??= connection.Incoming.WaitToReadAsync(stop).AsTask();
            List<Task> events = [answer, incoming];
            if (!cancelled)
            {
                message ??= conversation.Messages.WaitToReadAsync(stop).AsTask();
                events.Add(message);
                events.Add(pause.Task);
            }

            if (asking is not null)
            {
                events.Add(asking.Answer);
            }

            await Task.WhenAny(events);
            stop.ThrowIfCancellationRequested();
            if (incoming.IsCompleted)
            {
                var open = await incoming;
                incoming = open ? null : new TaskCompletionSource<bool>().Task;
                while (connection.Incoming.TryRead(out var item))
                {
                    await HandleAsync(item, waiting, cancelled, stop);
                }
            }

            if (asking is not null && asking.Answer.IsCompleted)
            {
                await AnswerAsync(asking, stop);
                asking.Dispose();
                asking = null;
            }

            if (asking is null && !cancelled && waiting.TryDequeue(out var request))
            {
                asking = Ask(request, stop);
            }

            if (pause.Task.IsCompleted && !cancelled)
            {
                Paused = true;
                cancelled = true;
                context.Log.WriteNotice("pausing: cancelling gemini's turn, keeping its session");
                if (asking is not null)
                {
                    await asking.CancelAsync(connection, stop);
                    asking.Dispose();
                    asking = null;
                }

                await CancelWaitingAsync(waiting, stop);
                await connection.NotifyAsync("session/cancel", new JsonObject { ["sessionId"] = sessionId }, stop);
            }

            if (message is { IsCompleted: true } && !cancelled)
            {
                // A closed channel stays completed: wait on it no more.
                message = await message ? null : new TaskCompletionSource<bool>().Task;
                while (conversation.Messages.TryRead(out var sent))
                {
                    Steer(sent);
                    steering = true;
                    context.Log.WriteNotice($"steering message {sent.Id} from {sent.SentBy} received; it goes to gemini as the next prompt");
                }
            }

            if (steering && !cancelled && asking is null && !updates.CalledTool)
            {
                cancelled = true;
                followUps.Insert(0, text);
                context.Log.WriteNotice("cancelling gemini's turn before its first tool call, to send the prompt again with the steering message");
                await connection.NotifyAsync("session/cancel", new JsonObject { ["sessionId"] = sessionId }, stop);
            }
        }

        asking?.Dispose();

        // gemini writes a turn's last updates before its answer, but the answer can wake this loop first.
        while (connection.Incoming.TryRead(out var late))
        {
            await HandleAsync(late, waiting, cancelled: true, stop);
        }

        var result = await answer;
        usage.Add(result);
        return JsonFields.Text(result, "stopReason") ?? "end_turn";
    }

    private void Steer(SteeringMessage message)
    {
        followUps.Add(message.Text);
        steered.Add(message);
    }

    private async Task HandleAsync(AcpIncoming item, Queue<AcpIncoming> waiting, bool cancelled, CancellationToken stop)
    {
        switch (item.Method)
        {
            case "session/update":
                if (updates.Apply(JsonFields.Child(item.Params, "update")))
                {
                    context.ReportProgress(updates.Progress);
                }

                break;
            case "session/request_permission" when item.Id is { } id:
                if (updates.ToolCall(JsonFields.Child(item.Params, "toolCall")))
                {
                    context.ReportProgress(updates.Progress);
                }

                if (cancelled)
                {
                    await connection.RespondAsync(id, GeminiPermissions.Cancelled(), stop);
                }
                else if (batonTools && GeminiPermissions.BatonTool(item.Params) is { } tool
                    && GeminiPermissions.OptionFor(item.Params, BatonApproval) is { } option)
                {
                    // Baton's own tools (context, progress) are part of running the task, not a person's decision.
                    await connection.RespondAsync(id, GeminiPermissions.Selected(option), stop);
                    context.Log.WriteNotice($"Baton approved gemini's call of its own tool {tool}");
                }
                else
                {
                    waiting.Enqueue(item);
                }

                break;
            case var _ when item.Id is { } id:
                await connection.RespondErrorAsync(id, -32601, $"Baton does not offer {item.Method}", stop);
                break;
        }
    }

    private Asking Ask(AcpIncoming request, CancellationToken stop)
    {
        var ask = GeminiPermissions.Ask(request.Params, context.Task.Definition.WorkingDirectory);
        context.Log.WriteNotice($"gemini asks for permission: {ask.Summary}");
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        return new Asking(request, conversation.AskAsync(ask, cancel.Token), cancel);
    }

    private async Task AnswerAsync(Asking asking, CancellationToken stop)
    {
        InteractionRecord answered;
        try
        {
            answered = await asking.Answer;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The conversation gave up on the question without stopping the attempt: gemini must not wait forever.
            await connection.RespondAsync(asking.Request.Id!.Value, GeminiPermissions.Cancelled(), stop);
            return;
        }

        var response = answered.Response!;
        var option = GeminiPermissions.OptionFor(asking.Request.Params, response);
        await connection.RespondAsync(
            asking.Request.Id!.Value, option is null ? GeminiPermissions.Cancelled() : GeminiPermissions.Selected(option), stop);
        await conversation.DeliveredAsync(answered, stop);
        context.Log.WriteNotice(
            $"{response.Decision.ToWire()} by {response.RespondedBy}: {answered.Ask.Summary} (gemini option {option ?? "cancelled"})");
        if (!string.IsNullOrWhiteSpace(response.Message))
        {
            followUps.Add(response.Decision == InteractionDecision.Approve
                ? $"About {answered.Ask.Summary}, which I approved: {response.Message}"
                : $"I denied {answered.Ask.Summary}: {response.Message}");
        }
    }

    private async Task CancelWaitingAsync(Queue<AcpIncoming> waiting, CancellationToken stop)
    {
        while (waiting.TryDequeue(out var request))
        {
            await connection.RespondAsync(request.Id!.Value, GeminiPermissions.Cancelled(), stop);
        }
    }

    /// <summary>A permission request being asked of people.</summary>
    private sealed class Asking(AcpIncoming request, Task<InteractionRecord> answer, CancellationTokenSource cancel) : IDisposable
    {
        public AcpIncoming Request { get; } = request;

        public Task<InteractionRecord> Answer { get; } = answer;

        /// <summary>Stops asking and tells gemini the request was cancelled, as ACP requires when a turn is cancelled.</summary>
        public async Task CancelAsync(AcpConnection connection, CancellationToken stop)
        {
            await cancel.CancelAsync();
            try
            {
                await Answer;
            }
            catch (OperationCanceledException)
            {
                // Expected: the question is no longer asked.
            }

            await connection.RespondAsync(Request.Id!.Value, GeminiPermissions.Cancelled(), stop);
        }

        public void Dispose() => cancel.Dispose();
    }
}
