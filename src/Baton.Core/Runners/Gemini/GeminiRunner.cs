using System.Text;
using Baton.Core.Processes;
using Baton.Core.Runners.Agents;
using Baton.Core.Runners.Gemini.Acp;

namespace Baton.Core.Runners.Gemini;

/// <summary>
/// The <c>gemini</c> runner: gemini-cli headless with stream-json output in the task's working directory, the prompt
/// on stdin, supervised like any attempt. Progress comes from the stream as it arrives; the run counts as successful
/// only if its final result line says so. gemini's exit codes say why a run failed and whether a retry can help.
/// When people can answer (the attempt has a conversation), gemini runs in ACP mode instead, so that it can ask for
/// permission, be steered and be paused (see <see cref="GeminiAcpRun"/>); only then does it get Baton's own MCP
/// server, since headless gemini takes MCP servers only from its settings files.
/// </summary>
public sealed class GeminiRunner(IReadOnlyDictionary<string, string> baseEnvironment, string? executable = null, AgentMcpServer? batonMcp = null) : IRunner
{
    /// <summary>The runner's name.</summary>
    public const string RunnerName = "gemini";

    /// <summary>What users are told when the CLI is missing.</summary>
    public const string NotFoundMessage =
        "gemini not found on PATH; install it with npm i -g @google/gemini-cli or set runner/path";


    /// <summary>The model tokens are counted under when gemini names none.</summary>
    private const string DefaultModelName = "gemini";

    /// <inheritdoc />
    public string Name => RunnerName;

    /// <inheritdoc />
    public async Task<AttemptOutcome> RunAsync(AttemptContext context, CancellationToken stop)
    {
        var definition = context.Task.Definition;
        var agent = definition.Agent;
        var (environment, path, missing) = AgentCli.Prepare(context, baseEnvironment, executable, "gemini", NotFoundMessage);
        // Belt and braces with --skip-trust: without trust gemini exits 55 before doing anything.
        environment["GEMINI_CLI_TRUST_WORKSPACE"] = "true";
        if (path is null)
        {
            return missing!;
        }

        NoteIgnoredSettings(context, agent);
        if (context.Conversation is { } conversation)
        {
            var acp = new GeminiAcpRun(context, conversation, path, environment, AgentMcpRun.For(batonMcp, context));
            var arguments = GeminiCommandLine.ForAcp(agent, definition.Model);
            return await AgentSessions.ResumeOrStartAsync(
                context,
                "gemini",
                (session, prompt) => acp.RunAsync(arguments, session, prompt, stop),
                async prompt => (await acp.RunAsync(arguments, null, GeminiCommandLine.Prompt(agent, prompt), stop)).Outcome);
        }

        var modelName = GeminiCommandLine.Model(agent, definition.Model) ?? DefaultModelName;
        return await AgentSessions.ResumeOrStartAsync(
            context,
            "gemini",
            (session, prompt) => RunOnceAsync(
                context, path, environment, GeminiCommandLine.ForResume(agent, definition.Model, session), session, resuming: true,
                prompt, modelName, stop),
            async prompt =>
            {
                var sessionId = Guid.NewGuid().ToString();
                return (await RunOnceAsync(
                    context, path, environment, GeminiCommandLine.ForNewSession(agent, definition.Model, sessionId), sessionId, resuming: false,
                    GeminiCommandLine.Prompt(agent, prompt), modelName, stop)).Outcome;
            });
    }

    /// <summary>
    /// One run of the CLI. On a resume, an init line with another session id means gemini started afresh (that run
    /// is stopped at once), and a run with no result line and a non-zero exit means it could not load the session:
    /// both are reported as an unknown session.
    /// </summary>
    private static async Task<(AttemptOutcome Outcome, bool UnknownSession)> RunOnceAsync(
        AttemptContext context,
        string path,
        Dictionary<string, string> environment,
        IReadOnlyList<string> arguments,
        string sessionId,
        bool resuming,
        string prompt,
        string modelName,
        CancellationToken stop)
    {
        var definition = context.Task.Definition;
        var spec = new ProcessStartSpec(path, arguments, definition.WorkingDirectory, environment, Encoding.UTF8.GetBytes(prompt));
        var parser = new GeminiStreamParser(definition.WorkingDirectory, context.ToolCalls);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var otherSession = false;
        // Known before the CLI says it: recorded at once so that a rescue can resume even a run that died early.
        context.ReportProgress(new AgentProgress(sessionId, null, 0, 0));
        ProcessExit exit;
        try
        {
            exit = await SupervisedProcess.RunAsync(
                spec, context.Attempt, context.Log, context.RecordProcessAsync, context.StopGracePeriod, context.Time, abandon.Token,
                line =>
                {
                    if (!parser.Consume(line) || otherSession)
                    {
                        return;
                    }

                    if (resuming && parser.SessionId is { } id && id != sessionId)
                    {
                        otherSession = true;
                        abandon.Cancel();
                        return;
                    }

                    context.ReportProgress(parser.Progress);
                });
        }
        catch (SpawnFailedException ex)
        {
            context.Log.WriteNotice(ex.Message);
            return (AttemptOutcome.Failure(ex.Message, retryable: false), false);
        }

        var unknownSession = resuming && !stop.IsCancellationRequested
            && (otherSession || (parser.Result is null && exit.ExitCode != 0));
        return (Outcome(parser, exit, context.Log.StderrTail, modelName), unknownSession);
    }

    private static AttemptOutcome Outcome(GeminiStreamParser parser, ProcessExit exit, string stderr, string modelName)
    {
        var details = GeminiResultReader.Read(parser, modelName);
        if (parser.Result is { } result && GeminiResultReader.Succeeded(result))
        {
            return AttemptOutcome.Success(parser.Text, exit.ExitCode) with { Details = details };
        }

        var code = GeminiExitCode.Of(exit.ExitCode);
        details = details with { ApiErrorStatus = code?.HttpStatus };
        var detail = parser.Result is { } failed
            ? GeminiResultReader.ErrorMessage(failed) ?? $"gemini reported {JsonFields.Text(failed, "status") ?? "an error"}"
            : stderr.Trim() is { Length: > 0 } text ? text : null;
        var message = (code, parser.Result, detail) switch
        {
            ({ } known, _, { } why) => $"{known.Meaning}: {why}",
            ({ } known, _, null) => known.Meaning,
            (null, { }, _) => detail!,
            (null, null, { } why) => $"gemini ended with {exit} without a result line: {why}",
            _ => $"gemini ended with {exit} without a result line",
        };
        return AttemptOutcome.Failure(message, code?.Retryable ?? true, exit.ExitCode, exit.Signal) with { Details = details };
    }

    private static void NoteIgnoredSettings(AttemptContext context, AgentSpec? agent)
    {
        if (agent is { Tools: { Count: > 0 } } or { DisallowedTools.Count: > 0 } or { MaxTurns: not null })
        {
            context.Log.WriteNotice("gemini has no flags for an agent's tools, disallowed tools or max turns; they are ignored");
        }

        if (agent?.PermissionMode is { } mode && GeminiCommandLine.ApprovalMode(mode) is null)
        {
            context.Log.WriteNotice($"gemini has no approval mode for permission mode '{mode}'; using gemini's default");
        }
    }

}
