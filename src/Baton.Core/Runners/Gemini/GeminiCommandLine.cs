using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Gemini;

/// <summary>
/// The arguments for a headless gemini-cli run. The prompt goes on stdin and <c>-p ""</c> is passed: gemini reads a
/// piped stdin to EOF and appends the <c>-p</c> text to it, so an empty <c>-p</c> adds nothing while still saying
/// "headless"; the prompt stays off the command line (no argv size limit, not visible in <c>ps</c>).
/// <c>--skip-trust</c> because gemini otherwise refuses an untrusted folder (exit 55). A new session gets an id chosen
/// by Baton with <c>--session-id</c>, so that a run that dies before its first line can still be resumed.
/// </summary>
public static class GeminiCommandLine
{
    /// <summary>Arguments for a new session with the given id.</summary>
    public static IReadOnlyList<string> ForNewSession(AgentSpec? agent, string? model, string sessionId) =>
        Build(agent, model, ["--session-id", sessionId]);

    /// <summary>Arguments that resume an earlier session (same working directory: gemini keeps sessions per project).</summary>
    public static IReadOnlyList<string> ForResume(AgentSpec? agent, string? model, string sessionId) =>
        Build(agent, model, ["--resume", sessionId]);

    /// <summary>
    /// Arguments for gemini in ACP mode (JSON-RPC over stdio), used when people can answer it: sessions are made and
    /// resumed over the protocol, not by flags. The approval mode is the agent's, else <c>default</c>, so that a tool
    /// the agent was not pre-allowed asks; <c>yolo</c> never asks.
    /// </summary>
    public static IReadOnlyList<string> ForAcp(AgentSpec? agent, string? model)
    {
        var args = new List<string> { "--acp", "--skip-trust" };
        if (Model(agent, model) is { } chosen)
        {
            args.Add("-m");
            args.Add(chosen);
        }

        args.Add("--approval-mode");
        args.Add(ApprovalMode(agent?.PermissionMode) ?? "default");
        return args;
    }

    /// <summary>The model to pass with <c>-m</c>: the task's, else the agent's; null for the CLI's default.</summary>
    public static string? Model(AgentSpec? agent, string? model) => AgentPrompts.Model(agent, model);

    /// <summary>
    /// gemini can only replace its system prompt (GEMINI_SYSTEM_MD), not add to it, so the agent's prompt goes first
    /// in the user prompt, in a block whose tags say where it ends.
    /// </summary>
    public static string Prompt(AgentSpec? agent, string prompt) =>
        AgentPrompts.WithInstructions(agent, prompt);

    /// <summary>
    /// The <c>--approval-mode</c> for an agent's permission mode: Claude's <c>default</c> and <c>dontAsk</c> to
    /// <c>default</c> (headless gemini leaves out tools that would need a confirmation), <c>acceptEdits</c> to
    /// <c>auto_edit</c>, <c>plan</c> to <c>plan</c>, <c>bypassPermissions</c> to <c>yolo</c>; gemini's own names pass
    /// through. No mode means no flag (gemini's default); an unknown one gives null, and the caller says so.
    /// </summary>
    public static string? ApprovalMode(string? permissionMode) => permissionMode switch
    {
        "default" or "dontAsk" => "default",
        "acceptEdits" or "auto_edit" => "auto_edit",
        "plan" => "plan",
        "bypassPermissions" or "yolo" => "yolo",
        _ => null,
    };

    private static List<string> Build(AgentSpec? agent, string? model, IReadOnlyList<string> session)
    {
        var args = new List<string> { "-p", string.Empty, "--output-format", "stream-json", "--skip-trust" };
        args.AddRange(session);
        if (Model(agent, model) is { } chosen)
        {
            args.Add("-m");
            args.Add(chosen);
        }

        if (ApprovalMode(agent?.PermissionMode) is { } mode)
        {
            args.Add("--approval-mode");
            args.Add(mode);
        }

        return args;
    }
}
