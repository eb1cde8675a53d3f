using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// One run of <c>codex app-server</c> for an attempt people can answer: Baton starts or resumes the thread, starts a
/// turn with the prompt, answers the server's approval and question requests through the attempt's conversation,
/// steers the running turn with people's messages (<c>turn/steer</c>), interrupts it when the task is paused
/// (<c>turn/interrupt</c>, the thread kept for a resume), and closes stdin once the turn is over, which ends the server.
/// Its stdout is the attempt's log and is read as <c>exec</c> events (<see cref="CodexAppServerEvents"/>), so results,
/// tokens, steps and the transcript work as they do for <c>codex exec</c>.
/// </summary>
internal sealed class CodexAppServerSession
{
    private readonly AttemptContext context;

    /// <summary>The model tokens are counted under, set when the run starts.</summary>
    private string runningModel = CodexCommandLine.DefaultModelName;
    private readonly IAttemptConversation conversation;
    private readonly CodexStreamParser parser;
    private readonly CancellationTokenSource abandon;
    private CodexRpcChannel? rpc;
    private CodexTurns? turns;
    private CodexRequestAnswerer? requests;
    private ExceptionDispatchInfo? failure;

    private CodexAppServerSession(AttemptContext context, IAttemptConversation conversation, CancellationToken stop)
    {
        this.context = context;
        this.conversation = conversation;
        parser = new CodexStreamParser(context.Task.Definition.WorkingDirectory, context.ToolCalls);
        abandon = CancellationTokenSource.CreateLinkedTokenSource(stop);
    }

    /// <summary>
    /// Runs the CLI once. On a resume, a thread the server does not know (it refuses <c>thread/resume</c>) is reported
    /// as an unknown session, as is a resume that ends with no end-of-turn event and a non-zero exit.
    /// </summary>
    public static async Task<(AttemptOutcome Outcome, bool UnknownSession)> RunAsync(
        AttemptContext context,
        IAttemptConversation conversation,
        string path,
        Dictionary<string, string> environment,
        string? resumedThread,
        string prompt,
        string modelName,
        AgentMcpRun? baton,
        CancellationToken stop)
    {
        var session = new CodexAppServerSession(context, conversation, stop);
        try
        {
            return await session.RunAsync(path, environment, resumedThread, prompt, modelName, baton, stop);
        }
        finally
        {
            session.abandon.Dispose();
        }
    }

    private async Task<(AttemptOutcome Outcome, bool UnknownSession)> RunAsync(
        string path, Dictionary<string, string> environment, string? resumedThread, string prompt, string modelName, AgentMcpRun? baton, CancellationToken stop)
    {
        var definition = context.Task.Definition;
        runningModel = modelName;
        var input = new ProcessInput();
        rpc = new CodexRpcChannel(input);
        turns = new CodexTurns(rpc, conversation, context.Log);
        requests = new CodexRequestAnswerer(rpc, conversation, definition.WorkingDirectory, Fail, abandon.Token);
        var spec = new ProcessStartSpec(path, CodexCommandLine.ForAppServer(baton), definition.WorkingDirectory, environment) { Input = input };
        if (resumedThread is not null && !context.ForkSession)
        {
            // A fork's thread id comes with the server's reply; the original's must never be recorded as this attempt's.
            context.ReportProgress(new AgentProgress(resumedThread, null, 0, 0));
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(abandon.Token);
        var driver = DriveAsync(resumedThread, prompt, ended.Token);
        ProcessExit exit;
        try
        {
            exit = await SupervisedProcess.RunAsync(
                spec, context.Attempt, context.Log, context.RecordProcessAsync, context.StopGracePeriod, context.Time, abandon.Token, OnLine);
        }
        catch (SpawnFailedException ex)
        {
            context.Log.WriteNotice(ex.Message);
            return (AttemptOutcome.Failure(ex.Message, retryable: false), false);
        }
        finally
        {
            rpc.ProcessEnded();
            await ended.CancelAsync();
            await QuietlyAsync(driver);
            await QuietlyAsync(requests.WhenAllAnsweredAsync());
        }

        failure?.Throw();
        var (resumeRejected, startError) = driver.IsCompletedSuccessfully ? driver.Result : (false, null);
        if (startError is not null && !stop.IsCancellationRequested)
        {
            context.Log.WriteNotice($"codex app-server refused to start the thread: {startError}");
            return (AttemptOutcome.Failure($"codex app-server refused to start the thread: {startError}", retryable: false, exit.ExitCode, exit.Signal)
                with { Details = CodexResultReader.Read(parser, modelName) }, false);
        }

        var unknownSession = resumedThread is not null && !stop.IsCancellationRequested
            && (resumeRejected || (parser.EndEvent is null && exit.ExitCode != 0));
        return (CodexRunner.Outcome(parser, exit, context.Log.StderrTail, modelName), unknownSession);
    }

    /// <summary>Starts (or resumes) the thread, runs turns until one ends with nothing left to say, then closes stdin.</summary>
    private async Task<(bool ResumeRejected, string? StartError)> DriveAsync(string? resumedThread, string prompt, CancellationToken token)
    {
        var channel = rpc!;
        try
        {
            var initialize = await channel.RequestAsync("initialize", CodexAppServerMessages.Initialize(), token);
            if (!initialize.Succeeded)
            {
                return (false, initialize.ProcessEnded ? null : initialize.Error);
            }

            await channel.NotifyAsync("initialized", token);
            var thread = await channel.RequestAsync(ThreadMethod(resumedThread), ThreadRequest(resumedThread), token);
            if (thread.ProcessEnded)
            {
                // Crashed or stopped: how the process ended decides the outcome.
                return (false, null);
            }

            if (!thread.Succeeded)
            {
                if (resumedThread is null)
                {
                    return (false, thread.Error);
                }

                context.Log.WriteNotice($"codex app-server did not {(context.ForkSession ? "fork" : "resume")} thread {resumedThread}: {thread.Error}");
                return (true, null);
            }

            var threadId = JsonFields.Text(JsonFields.Child(thread.Result, "thread"), "id")!;
            var planModel = context.Task.Definition.Agent?.PermissionMode == "plan" ? JsonFields.Text(thread.Result, "model") : null;
            await turns!.RunAsync(threadId, prompt, planModel, token);
            return (false, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The conversation's store failed: stop the run rather than leave the agent waiting on nobody.
            Fail(ex);
            return (false, null);
        }
        finally
        {
            await channel.CloseAsync();
        }
    }

    /// <summary><c>thread/start</c> for a new thread, <c>thread/fork</c> for a copy of one, else <c>thread/resume</c>.</summary>
    private string ThreadMethod(string? resumedThread) =>
        resumedThread is null ? "thread/start" : context.ForkSession ? "thread/fork" : "thread/resume";

    private JsonObject ThreadRequest(string? resumedThread) =>
        resumedThread is not null && context.ForkSession
            ? CodexAppServerMessages.Fork(context.Task.Definition, resumedThread)
            : CodexAppServerMessages.Thread(context.Task.Definition, resumedThread);

    /// <summary>Each stdout line: progress from the parser, replies to Baton's requests, the server's requests, turn ends.</summary>
    private void OnLine(ReadOnlySpan<byte> line)
    {
        if (parser.Consume(line))
        {
            context.ReportProgress(CodexRunner.ProgressOf(parser, runningModel, context));
        }

        JsonEventLine.Parse(line, message =>
        {
            if (rpc is null || rpc.TryComplete(message))
            {
                return false;
            }

            var parameters = JsonFields.Child(message, "params");
            switch (JsonFields.Text(message, "method"))
            {
                case { } method when JsonFields.Child(message, "id").ValueKind != JsonValueKind.Undefined:
                    requests!.Answer(method, message.GetProperty("id").Clone(), parameters.Clone());
                    break;
                case "item/started" when JsonFields.Text(JsonFields.Child(parameters, "item"), "id") is { } itemId:
                    requests!.ItemStarted(itemId, parameters.GetProperty("item").Clone());
                    break;
                case "turn/completed" when JsonFields.Text(JsonFields.Child(parameters, "turn"), "id") is { } turnId:
                    turns!.Completed(turnId);
                    break;
            }

            return false;
        });
    }

    private void Fail(Exception ex)
    {
        Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
        abandon.Cancel();
    }

    private static async Task QuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopped with the process.
        }
    }
}
