using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini.Acp;

/// <summary>
/// One run of <c>gemini --acp</c>: stdin stays open for the protocol, the session is made (<c>session/new</c>) or
/// loaded (<c>session/load</c>), and its turns run with people in the loop (see <see cref="GeminiAcpTurns"/>). When
/// the turns are done stdin is closed and gemini exits; the process tree is supervised like any attempt's. Baton's
/// own MCP server, when the runner has one, is given to the session (see <see cref="GeminiMcpServers"/>).
/// </summary>
internal sealed class GeminiAcpRun(
    AttemptContext context, IAttemptConversation conversation, string path, IReadOnlyDictionary<string, string> environment, AgentMcpRun? baton = null)
{
    /// <summary>Runs the CLI with <paramref name="arguments"/> on a new session, or on <paramref name="resume"/>.</summary>
    /// <returns>The outcome, and whether gemini did not know the session to resume.</returns>
    public async Task<(AttemptOutcome Outcome, bool UnknownSession)> RunAsync(
        IReadOnlyList<string> arguments, string? resume, string prompt, CancellationToken stop)
    {
        var definition = context.Task.Definition;
        var input = new ProcessInput();
        var connection = new AcpConnection(input);
        var updates = new GeminiAcpUpdates(definition.WorkingDirectory) { SessionId = resume };
        var usage = new GeminiAcpUsage();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var spec = new ProcessStartSpec(path, arguments, definition.WorkingDirectory, environment) { Input = input };
        var process = SupervisedProcess.RunAsync(
            spec, context.Attempt, context.Log, context.RecordProcessAsync, context.StopGracePeriod, context.Time, abandon.Token,
            connection.Receive);
        _ = process.ContinueWith(_ => connection.Close(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (resume is not null)
        {
            context.ReportProgress(updates.Progress);
        }

        string? stopReason = null;
        string? failure = null;
        var unknown = false;
        var paused = false;
        try
        {
            await connection.RequestAsync("initialize", Initialize(), abandon.Token);
            var sessionId = resume;
            var where = new JsonObject { ["cwd"] = definition.WorkingDirectory, ["mcpServers"] = GeminiMcpServers.For(baton) };
            if (resume is null)
            {
                sessionId = JsonFields.Text(await connection.RequestAsync("session/new", where, abandon.Token), "sessionId");
                updates.SessionId = sessionId;
                context.ReportProgress(updates.Progress);
            }
            else
            {
                where["sessionId"] = resume;
                try
                {
                    await connection.RequestAsync("session/load", where, abandon.Token);
                }
                catch (AcpRequestException ex) when (ex.Code is not null)
                {
                    context.Log.WriteNotice($"gemini could not load session {resume}: {ex.Message}");
                    unknown = true;
                }
            }

            if (!unknown && sessionId is not null)
            {
                var turns = new GeminiAcpTurns(context, conversation, connection, updates, usage, batonTools: baton is not null);
                stopReason = await turns.RunAsync(sessionId, prompt, abandon.Token);
                paused = turns.Paused;
            }
            else if (sessionId is null)
            {
                failure = "gemini answered session/new without a session id";
            }
        }
        catch (AcpRequestException ex)
        {
            failure = ex.Message;
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Stopped (cancel, timeout, shutdown): supervision stops the tree; the exit says how it ended.
        }
        finally
        {
            await input.CloseAsync();
        }

        // gemini exits at the end of its stdin; one that does not is stopped like any attempt after the grace period.
        if (await Task.WhenAny(process, Task.Delay(context.StopGracePeriod, context.Time)) != process)
        {
            await abandon.CancelAsync();
        }

        ProcessExit exit;
        try
        {
            exit = await process;
        }
        catch (SpawnFailedException ex)
        {
            context.Log.WriteNotice(ex.Message);
            return (AttemptOutcome.Failure(ex.Message, retryable: false), false);
        }

        return (Outcome(updates, usage, stopReason, failure, paused, exit, stop), unknown && !stop.IsCancellationRequested);
    }

    private static JsonObject Initialize() => new()
    {
        ["protocolVersion"] = 1,
        ["clientCapabilities"] = new JsonObject
        {
            // gemini reads and writes files itself in the working directory, and runs commands itself.
            ["fs"] = new JsonObject { ["readTextFile"] = false, ["writeTextFile"] = false },
            ["terminal"] = false,
        },
    };

    private AttemptOutcome Outcome(
        GeminiAcpUpdates updates, GeminiAcpUsage usage, string? stopReason, string? failure, bool paused, ProcessExit exit, CancellationToken stop)
    {
        var details = new AgentRunDetails
        {
            SessionId = updates.SessionId,
            Subtype = stopReason,
            IsError = stopReason != "end_turn",
            Errors = failure is null ? [] : [failure],
            Models = usage.Models,
            Turns = updates.Turns,
        };
        if (paused)
        {
            return AttemptOutcome.Failure("paused: gemini's turn was cancelled and its session kept", retryable: true, exit.ExitCode, exit.Signal)
                with { Details = details };
        }

        if (stopReason == "end_turn" && failure is null)
        {
            return AttemptOutcome.Success(updates.Text, exit.ExitCode) with { Details = details };
        }

        var code = GeminiExitCode.Of(exit.ExitCode);
        var stderr = context.Log.StderrTail.Trim();
        var message = (stopReason, failure) switch
        {
            (_, { } why) when !stop.IsCancellationRequested => $"gemini failed: {why}",
            ({ } reason, null) => $"gemini ended its turn with {reason}",
            _ when code is { } known => known.Meaning,
            _ => $"gemini ended with {exit}" + (stderr.Length > 0 ? $": {StepText.FirstLine(stderr[^Math.Min(stderr.Length, 500)..])}" : string.Empty),
        };
        var retryable = stopReason is not ("max_turn_requests" or "refusal") && (code?.Retryable ?? true);
        return AttemptOutcome.Failure(message, retryable, exit.ExitCode, exit.Signal)
            with { Details = details with { ApiErrorStatus = code?.HttpStatus } };
    }
}
