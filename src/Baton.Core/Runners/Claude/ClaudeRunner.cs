using System.Text;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Claude;

/// <summary>
/// The <c>claude</c> runner: Claude Code headless, in the task's working directory, supervised like any attempt
/// (process tree included: Claude runs each Bash command in a session of its own, which the attempt's environment
/// marker still finds). Progress comes from the stream as it arrives; the run counts as successful only if its
/// final result line says so.
/// </summary>
public sealed class ClaudeRunner(IReadOnlyDictionary<string, string> baseEnvironment, string? executable = null, AgentMcpServer? batonMcp = null) : IRunner
{
    /// <summary>The runner's name.</summary>
    public const string RunnerName = "claude";

    /// <summary>What users are told when the CLI is missing.</summary>
    public const string NotFoundMessage =
        "claude not found on PATH; install it with npm i -g @anthropic-ai/claude-code or set runner/path";

    /// <inheritdoc />
    public string Name => RunnerName;

    /// <inheritdoc />
    public async Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop)
    {
        var definition = context.Task.Definition;
        var agent = definition.Agent;
        var (environment, path, missing) = AgentCli.Prepare(context, baseEnvironment, executable, "claude", NotFoundMessage);
        if (path is null)
        {
            return missing!;
        }

        return await AgentSessions.ResumeOrStartAsync(
            context,
            "claude",
            async (session, prompt) =>
            {
                var (outcome, unknown) = context.ForkSession
                    ? await RunOnceAsync(context, path, environment, ClaudeCommandLine.ForFork(agent, definition.Model, session, Interactive(context), AgentMcpRun.For(batonMcp, context)), null, prompt, stop)
                    : await RunOnceAsync(context, path, environment, ClaudeCommandLine.ForResume(agent, definition.Model, session, Interactive(context), AgentMcpRun.For(batonMcp, context)), session, prompt, stop);
                // The CLI reports the session's running total; this attempt's share is the difference.
                return (outcome.Details is { CostUsd: { } total } details && context.CostBefore is { } before && total >= before
                    ? outcome with { Details = details with { CostUsd = total - before } }
                    : outcome, unknown);
            },
            async prompt =>
            {
                var sessionId = Guid.NewGuid().ToString();
                return (await RunOnceAsync(
                    context, path, environment, ClaudeCommandLine.ForNewSession(agent, definition.Model, sessionId, Interactive(context), AgentMcpRun.For(batonMcp, context)), sessionId, prompt, stop)).Outcome;
            });
    }

    /// <summary>With someone to answer, the CLI asks through stdin instead of refusing what was not pre-allowed.</summary>
    private static bool Interactive(AttemptContext context) => context.Conversation is not null;

    private static async Task<(AttemptOutcome Outcome, bool UnknownSession)> RunOnceAsync(
        AttemptContext context,
        string path,
        Dictionary<string, string> environment,
        IReadOnlyList<string> arguments,
        string? sessionId,
        string prompt,
        CancellationToken stop)
    {
        var definition = context.Task.Definition;
        var parser = new ClaudeStreamParser(definition.WorkingDirectory, context.ToolCalls);
        if (sessionId is not null)
        {
            // Known before the CLI says it: recorded at once so that a rescue can resume even a run that died early.
            // A fork's id is not known until the CLI says it; the original's must never be recorded as this attempt's.
            context.ReportProgress(new AgentProgress(sessionId, null, 0, 0));
        }

        ProcessInput? input = context.Conversation is null ? null : new ProcessInput();
        var spec = input is null
            ? new ProcessStartSpec(path, arguments, definition.WorkingDirectory, environment, Encoding.UTF8.GetBytes(prompt))
            : new ProcessStartSpec(path, arguments, definition.WorkingDirectory, environment) { Input = input };
        await using var session = input is null
            ? null
            : new ClaudeInteractiveSession(context.Conversation!, input, context.Log, definition.WorkingDirectory, stop);
        session?.Start(prompt);
        ProcessExit exit;
        try
        {
            exit = await SupervisedProcess.RunAsync(
                spec, context.Attempt, context.Log, context.RecordProcessAsync, context.StopGracePeriod, context.Time, stop,
                line =>
                {
                    if (parser.Consume(line))
                    {
                        context.ReportProgress(parser.Progress);
                    }

                    session?.Consume(line);
                });
        }
        catch (SpawnFailedException ex)
        {
            context.Log.WriteNotice(ex.Message);
            return (AttemptOutcome.Failure(ex.Message, retryable: false), false);
        }

        var stderr = context.Log.StderrTail;
        if (session is { Paused: true } && !stop.IsCancellationRequested)
        {
            // The session is kept: its id is in the details and the progress, so resuming the task continues it.
            return (AttemptOutcome.Failure($"paused: claude was interrupted; session {parser.SessionId ?? sessionId} is kept", retryable: true, exit.ExitCode, exit.Signal)
                with { Details = ClaudeResultReader.Read(parser) with { SessionId = parser.SessionId ?? sessionId } }, false);
        }

        return (Outcome(parser, exit, stderr), !stop.IsCancellationRequested && IsUnknownSession(parser, stderr));
    }

    /// <summary>
    /// Text mode says so on stderr; stream-json mode (2.1.330) ends with an error result whose errors say so.
    /// </summary>
    private static bool IsUnknownSession(ClaudeStreamParser parser, string stderr)
    {
        const string NoConversation = "No conversation found with session ID";
        return stderr.Contains(NoConversation, StringComparison.Ordinal)
            || (parser.Result is { } result && !ClaudeResultReader.Succeeded(result)
                && ClaudeResultReader.DescribeFailure(result).Contains(NoConversation, StringComparison.Ordinal));
    }

    private static AttemptOutcome Outcome(ClaudeStreamParser parser, ProcessExit exit, string stderr)
    {
        var details = ClaudeResultReader.Read(parser);
        if (parser.Result is not { } result)
        {
            // Crashed, killed or cancelled: whatever the exit code says, there is no result to trust.
            var why = stderr.Trim() is { Length: > 0 } text ? $": {text}" : string.Empty;
            return AttemptOutcome.Failure($"claude ended with {exit} without a result line{why}", retryable: true, exit.ExitCode, exit.Signal) with { Details = details };
        }

        if (ClaudeResultReader.Succeeded(result))
        {
            return AttemptOutcome.Success(JsonFields.Text(result, "result"), exit.ExitCode) with { Details = details };
        }

        // The same prompt would meet the same turn limit, and an auth or request error repeats; others may pass.
        var retryable = details.Subtype != "error_max_turns" && details.ApiErrorStatus is not (400 or 401 or 403 or 404);
        return AttemptOutcome.Failure(ClaudeResultReader.DescribeFailure(result), retryable, exit.ExitCode, exit.Signal) with { Details = details };
    }

}
