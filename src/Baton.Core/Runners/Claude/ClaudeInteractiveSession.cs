using System.Collections.Concurrent;
using System.Text.Json;
using Baton.Core.Interactions;
using Baton.Core.Logs;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// The people side of one interactive Claude Code run (<c>--input-format stream-json --permission-prompt-tool stdio</c>):
/// sends the handshake and the prompt, turns the CLI's permission requests into interactions and their answers into
/// decisions, delivers messages people send into the running turn, interrupts the turn when the task is paused, and
/// closes stdin once the turn's result arrives so the CLI exits. Stdout lines come in on the output pump's thread;
/// anything that waits (a person, the store) runs on a task of its own so the pump never blocks.
/// </summary>
internal sealed class ClaudeInteractiveSession : IAsyncDisposable
{
    private readonly IAttemptConversation conversation;
    private readonly ProcessInput input;
    private readonly AttemptLog log;
    private readonly string workingDirectory;
    private readonly ConcurrentDictionary<string, PendingAsk> pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> plans = new(StringComparer.Ordinal);
    private readonly List<Task> work = [];
    // Asking and steering end with the turn, a pause or a stop; recording deliveries only with a stop.
    private readonly CancellationTokenSource turn;
    private readonly CancellationTokenSource lifetime;
    private Task handshake = Task.CompletedTask;
    private CancellationTokenRegistration pauseRegistration;
    private volatile bool paused;

    public ClaudeInteractiveSession(IAttemptConversation conversation, ProcessInput input, AttemptLog log, string workingDirectory, CancellationToken stop)
    {
        this.conversation = conversation;
        this.input = input;
        this.log = log;
        this.workingDirectory = workingDirectory;
        lifetime = CancellationTokenSource.CreateLinkedTokenSource(stop);
        turn = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
    }

    /// <summary>Whether the run was interrupted because the task was paused.</summary>
    public bool Paused => paused;

    /// <summary>Sends the handshake and the prompt (they wait for the process to start), then starts delivering messages.</summary>
    public void Start(string prompt)
    {
        // Messages and an interrupt go after the prompt, however early they come.
        handshake = WriteAsync(ClaudeControlLines.Initialize("baton_init"), ClaudeControlLines.User(prompt));
        Track(handshake);
        Track(SteerAsync());
        pauseRegistration = conversation.PauseRequested.Register(() => Track(PauseAsync()));
    }

    /// <summary>Takes one stdout line (without its newline); returns at once.</summary>
    public void Consume(ReadOnlySpan<byte> line)
    {
        // Most bytes are model output and tool results; only these carry what this side acts on.
        if (line.IndexOf("\"control_"u8) < 0 && line.IndexOf("\"result\""u8) < 0 && line.IndexOf("ExitPlanMode"u8) < 0)
        {
            return;
        }

        JsonEventLine.Parse(line, Dispatch);
    }

    /// <summary>After the process ended: stops what still waits and lets it finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await pauseRegistration.DisposeAsync();
        await turn.CancelAsync();
        await lifetime.CancelAsync();
        Task[] running;
        lock (work)
        {
            running = [.. work];
        }

        await Task.WhenAll(running);
        turn.Dispose();
        lifetime.Dispose();
    }

    private bool Dispatch(JsonElement line)
    {
        switch (JsonFields.Text(line, "type"))
        {
            case "control_request" when ClaudePermissionRequest.From(line) is { } request:
                Track(AskAsync(request));
                break;
            case "control_request" when JsonFields.Text(line, "request_id") is { } id:
                var subtype = JsonFields.Text(JsonFields.Child(line, "request"), "subtype");
                Track(WriteAsync(ClaudeControlLines.Error(id, $"Baton does not handle {subtype ?? "this"} requests")));
                break;
            case "control_cancel_request" when JsonFields.Text(line, "request_id") is { } id:
                Withdraw(id);
                break;
            case "assistant":
                RememberPlans(line);
                break;
            case "result" when JsonFields.Count(line, "queued_turn_count") == 0:
                // The turn is over (a message that came in as it ended would have queued another): nothing more to ask
                // or deliver, and end-of-file lets the CLI exit.
                turn.Cancel();
                Track(input.CloseAsync());
                break;
        }

        return false;
    }

    private async Task AskAsync(ClaudePermissionRequest request)
    {
        var ask = ClaudeAsks.For(request, request.ToolUseId is { } toolUse ? plans.GetValueOrDefault(toolUse) : null, workingDirectory);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(turn.Token);
        pending[request.RequestId] = new PendingAsk(ask, cancel);
        log.WriteNotice($"waiting for a person ({ask.Kind.ToWire()}): {ask.Summary}");
        InteractionRecord answered;
        try
        {
            answered = await conversation.AskAsync(ask, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The agent must not wait forever on a question nobody can see; it is told, and the log says why.
            log.WriteNotice($"could not ask a person ({ex.Message}); the request was refused");
            await WriteAsync(ClaudeControlLines.Deny(request.RequestId, "Baton could not ask a person about this request; it was refused."));
            return;
        }
        finally
        {
            pending.TryRemove(request.RequestId, out _);
        }

        var decision = ClaudeAnswers.Decision(request, answered);
        var delivered = ClaudeAnswers.Feedback(answered) is { } feedback
            ? await WriteAsync(decision, ClaudeControlLines.User(feedback))
            : await WriteAsync(decision);
        if (delivered)
        {
            log.WriteNotice($"{answered.Response!.Decision.ToWire()} by {answered.Response.RespondedBy}: {ask.Summary}");
            await conversation.DeliveredAsync(answered, lifetime.Token);
        }
    }

    private void Withdraw(string requestId)
    {
        if (!pending.TryRemove(requestId, out var ask))
        {
            return;
        }

        try
        {
            ask.Cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Answered at the same moment: the answer went out, which the CLI ignores for a request it withdrew.
        }

        // A pause or stop also makes the CLI take its requests back; those stay open, for the resumed session to ask again.
        if (paused || lifetime.IsCancellationRequested)
        {
            return;
        }

        log.WriteNotice($"the agent withdrew its request: {ask.Ask.Summary}");
        var open = new InteractionRecord
        {
            // The conversation knows the open interaction by its fingerprint; the runner never learns its id.
            Id = string.Empty,
            Ask = ask.Ask,
            Status = InteractionStatus.Open,
            Fingerprint = InteractionFingerprint.Of(ask.Ask),
            CreatedAt = DateTimeOffset.MinValue,
        };
        Track(conversation.WithdrawAsync(open, "the agent withdrew the request", lifetime.Token));
    }

    private async Task SteerAsync()
    {
        await handshake;
        await foreach (var message in conversation.Messages.ReadAllAsync(turn.Token))
        {
            if (!await WriteAsync(ClaudeControlLines.User(message.Text)))
            {
                return;
            }

            log.WriteNotice($"delivered a message from {message.SentBy}");
            await conversation.MessageDeliveredAsync(message, lifetime.Token);
        }
    }

    private async Task PauseAsync()
    {
        paused = true;
        log.WriteNotice("pausing: interrupting the agent's turn; its session is kept");
        await turn.CancelAsync();
        await handshake;
        await WriteAsync(ClaudeControlLines.Interrupt("baton_pause"));
        await input.CloseAsync();
    }

    private void RememberPlans(JsonElement line)
    {
        var content = JsonFields.Child(JsonFields.Child(line, "message"), "content");
        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            if (JsonFields.Text(block, "name") == "ExitPlanMode" && JsonFields.Text(block, "id") is { } id
                && JsonFields.Text(JsonFields.Child(block, "input"), "plan") is { } plan)
            {
                plans[id] = plan;
            }
        }
    }

    private async Task<bool> WriteAsync(params string[] lines)
    {
        foreach (var line in lines)
        {
            if (!await input.WriteLineAsync(line, lifetime.Token))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Runs work off the pump's thread; an ending that was asked for (stop, pause, end of turn) is not an error.</summary>
    private void Track(Task task)
    {
        var quiet = task.ContinueWith(
            t =>
            {
                if (t.Exception is { } failure && failure.InnerException is not OperationCanceledException)
                {
                    log.WriteNotice($"talking to claude failed: {failure.InnerException?.Message}");
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        lock (work)
        {
            work.Add(quiet);
        }
    }

    private sealed record PendingAsk(InteractionAsk Ask, CancellationTokenSource Cancel);
}
