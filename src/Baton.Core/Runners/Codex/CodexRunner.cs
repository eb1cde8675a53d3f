using System.Text;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// The <c>codex</c> runner: <c>codex exec --json</c> in the task's working directory, the prompt on stdin, supervised
/// like any attempt. Progress comes from the event stream as it arrives; the run counts as successful only if its
/// last turn completed with no error after it, whatever the exit code says. When people can answer the agent (the
/// attempt has a conversation) it runs <c>codex app-server</c> instead, because <c>exec</c> never asks: approvals
/// and questions go to people, their messages steer the turn, and a pause interrupts it (see
/// <see cref="CodexAppServerSession"/>).
/// </summary>
public sealed class CodexRunner(IReadOnlyDictionary<string, string> baseEnvironment, string? executable = null, AgentMcpServer? batonMcp = null) : IRunner
{
    /// <summary>The runner's name.</summary>
    public const string RunnerName = "codex";

    /// <summary>What users are told when the CLI is missing.</summary>
    public const string NotFoundMessage =
        "codex not found on PATH; install it with npm i -g @openai/codex or set runner/path";


    /// <inheritdoc />
    public string Name => RunnerName;

    /// <inheritdoc />
    public async Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop)
    {
        var definition = context.Task.Definition;
        var agent = definition.Agent;
        var (environment, path, missing) = AgentCli.Prepare(context, baseEnvironment, executable, "codex", NotFoundMessage);
        if (path is null)
        {
            return missing!;
        }

        NoteIgnoredSettings(context, agent);
        var modelName = CodexCommandLine.Model(agent, definition.Model) ?? CodexCommandLine.DefaultModelName;
        if (context.Conversation is { } conversation)
        {
            return await AgentSessions.ResumeOrStartAsync(
                context,
                "codex",
                (thread, prompt) => OwnShareAsync(context, CodexAppServerSession.RunAsync(context, conversation, path, environment, thread, prompt, modelName, AgentMcpRun.For(batonMcp, context), stop)),
                async prompt => (await CodexAppServerSession.RunAsync(
                    context, conversation, path, environment, null, CodexCommandLine.Prompt(agent, prompt), modelName, AgentMcpRun.For(batonMcp, context), stop)).Outcome);
        }

        if (context.ForkSession && context.ResumeSessionId is not null)
        {
            // codex exec has no fork; app-server's thread/fork does, and it runs only where someone can answer.
            const string NoFork = "codex forks a thread only through app-server, which needs an attempt people can answer; run the fork under the daemon";
            context.Log.WriteNotice(NoFork);
            return AttemptOutcome.Failure(NoFork, retryable: false);
        }

        return await AgentSessions.ResumeOrStartAsync(
            context,
            "codex",
            (thread, prompt) => OwnShareAsync(context, RunOnceAsync(
                context, path, environment, CodexCommandLine.ForResume(agent, definition.Model, thread, AgentMcpRun.For(batonMcp, context)), thread, prompt, modelName, stop)),
            async prompt => (await RunOnceAsync(
                context, path, environment, CodexCommandLine.ForNewSession(agent, definition.Model, AgentMcpRun.For(batonMcp, context)), null,
                CodexCommandLine.Prompt(agent, prompt), modelName, stop)).Outcome);
    }

    /// <summary>
    /// One run of the CLI. On a resume, a thread id other than the one asked for means Codex did not find the thread
    /// and started a new one (which knows nothing of the task): that run is stopped at once and reported as an
    /// unknown session, as is a resume that ends with no end-of-turn event and a non-zero exit.
    /// </summary>
    private static async Task<(AttemptOutcome Outcome, bool UnknownSession)> RunOnceAsync(
        AttemptContext context,
        string path,
        Dictionary<string, string> environment,
        IReadOnlyList<string> arguments,
        string? resumedThread,
        string prompt,
        string modelName,
        CancellationToken stop)
    {
        var definition = context.Task.Definition;
        var spec = new ProcessStartSpec(path, arguments, definition.WorkingDirectory, environment, Encoding.UTF8.GetBytes(prompt));
        var parser = new CodexStreamParser(definition.WorkingDirectory, context.ToolCalls);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var otherThread = false;
        if (resumedThread is not null)
        {
            context.ReportProgress(new AgentProgress(resumedThread, null, 0, 0));
        }

        ProcessExit exit;
        try
        {
            exit = await SupervisedProcess.RunAsync(
                spec, context.Attempt, context.Log, context.RecordProcessAsync, context.StopGracePeriod, context.Time, abandon.Token,
                line =>
                {
                    if (!parser.Consume(line) || otherThread)
                    {
                        return;
                    }

                    if (resumedThread is not null && parser.SessionId is { } id && id != resumedThread)
                    {
                        otherThread = true;
                        abandon.Cancel();
                        return;
                    }

                    context.ReportProgress(ProgressOf(parser, modelName, context));
                });
        }
        catch (SpawnFailedException ex)
        {
            context.Log.WriteNotice(ex.Message);
            return (AttemptOutcome.Failure(ex.Message, retryable: false), false);
        }

        var unknownSession = resumedThread is not null && !stop.IsCancellationRequested
            && (otherThread || (parser.EndEvent is null && exit.ExitCode != 0));
        return (Outcome(parser, exit, context.Log.StderrTail, modelName), unknownSession);
    }

    /// <summary>Progress with this attempt's tokens so far (a resumed thread's running total less what it had used before).</summary>
    internal static AgentProgress ProgressOf(CodexStreamParser parser, string modelName, AttemptContext context) =>
        parser.Usage is null
            ? parser.Progress
            : parser.Progress with { Usage = SessionUsage.PerAttempt(CodexResultReader.Read(parser, modelName), context.UsageBefore).Models };

    /// <summary>A resumed thread's usage is its running total: this attempt's share is what was added since.</summary>
    private static async Task<(AttemptOutcome Outcome, bool UnknownSession)> OwnShareAsync(
        AttemptContext context, Task<(AttemptOutcome Outcome, bool UnknownSession)> run)
    {
        var (outcome, unknown) = await run;
        return (outcome.Details is { } details && !unknown
            ? outcome with { Details = SessionUsage.PerAttempt(details, context.UsageBefore) }
            : outcome, unknown);
    }

    /// <summary>How a run ended, from what the CLI reported and how its process exited.</summary>
    internal static AttemptOutcome Outcome(CodexStreamParser parser, ProcessExit exit, string stderr, string modelName)
    {
        var details = CodexResultReader.Read(parser, modelName);
        if (parser.Failure is { } failure)
        {
            return AttemptOutcome.Failure(
                CodexResultReader.Describe(failure), CodexResultReader.IsRetryable(failure), exit.ExitCode, exit.Signal) with { Details = details };
        }

        if (parser.Completed)
        {
            return AttemptOutcome.Success(parser.LastMessage ?? string.Empty, exit.ExitCode) with { Details = details };
        }

        // Crashed, killed or cancelled: whatever the exit code says, there is no finished turn to trust.
        var why = stderr.Trim() is { Length: > 0 } text ? $": {text}" : string.Empty;
        return AttemptOutcome.Failure(
            $"codex ended with {exit} without finishing its turn{why}", retryable: true, exit.ExitCode, exit.Signal) with { Details = details };
    }

    private static void NoteIgnoredSettings(AttemptContext context, AgentSpec? agent)
    {
        if (agent is { Tools: { Count: > 0 } } or { DisallowedTools.Count: > 0 } or { MaxTurns: not null })
        {
            context.Log.WriteNotice("codex has no flags for an agent's tools, disallowed tools or max turns; they are ignored");
        }

        if (agent?.PermissionMode is { } mode && (context.Conversation is null ? CodexCommandLine.Sandbox(mode) is null : !CodexCommandLine.IsKnownForAppServer(mode)))
        {
            context.Log.WriteNotice($"codex has no sandbox policy for permission mode '{mode}'; using workspace-write");
        }
    }

}
