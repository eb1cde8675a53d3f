using Baton.Core.Runners.Agents;

namespace Baton.Core.Runners.Codex;

/// <summary>
/// The arguments for <c>codex exec --json</c>. Options go before the <c>resume</c> subcommand, where the parent
/// command accepts all of them (the subcommand has no <c>-s</c>). The prompt is always <c>-</c>: Codex reads
/// stdin to EOF, which keeps the prompt off the command line (no argv size limit, not visible in <c>ps</c>).
/// <c>--skip-git-repo-check</c> because a task may run outside a git repository; the working directory is the
/// process's own, not <c>-C</c>.
/// </summary>
public static class CodexCommandLine
{
    /// <summary>The model name tokens are counted under when neither the task nor the agent names one.</summary>
    public const string DefaultModelName = "codex";

    /// <summary>Arguments for a new thread.</summary>
    public static IReadOnlyList<string> ForNewSession(AgentSpec? agent, string? model, AgentMcpRun? baton = null) => [.. Options(agent, model, baton), "-"];

    /// <summary>Arguments that resume thread <paramref name="threadId"/> with a prompt read from stdin.</summary>
    public static IReadOnlyList<string> ForResume(AgentSpec? agent, string? model, string threadId, AgentMcpRun? baton = null) =>
        [.. Options(agent, model, baton), "resume", threadId, "-"];

    /// <summary>The model to pass with <c>-m</c>: the task's, else the agent's; null for the CLI's default.</summary>
    public static string? Model(AgentSpec? agent, string? model) => AgentPrompts.Model(agent, model);

    /// <summary>
    /// Codex has no flag to add to its system prompt, so the agent's prompt goes first in the user prompt, in a
    /// block whose tags say where it ends.
    /// </summary>
    public static string Prompt(AgentSpec? agent, string prompt) =>
        AgentPrompts.WithInstructions(agent, prompt);

    /// <summary>
    /// The sandbox flags for an agent's permission mode. Claude's modes map to the nearest policy: none,
    /// <c>default</c>, <c>acceptEdits</c> and <c>dontAsk</c> to <c>workspace-write</c> (edits inside the working
    /// directory, commands sandboxed; <c>exec</c> never stops to ask); <c>plan</c> to <c>read-only</c>;
    /// <c>bypassPermissions</c> to <c>--dangerously-bypass-approvals-and-sandbox</c>. Codex's own policy names
    /// pass through. Anything else is unknown (null): the caller falls back to <c>workspace-write</c> and says so.
    /// </summary>
    public static IReadOnlyList<string>? Sandbox(string? permissionMode) => permissionMode switch
    {
        null or "" or "default" or "acceptEdits" or "dontAsk" or "workspace-write" => ["-s", "workspace-write"],
        "plan" or "read-only" => ["-s", "read-only"],
        "danger-full-access" => ["-s", "danger-full-access"],
        "bypassPermissions" => ["--dangerously-bypass-approvals-and-sandbox"],
        _ => null,
    };

    /// <summary>
    /// Arguments for <c>codex app-server</c>, which Baton speaks to over stdin and stdout when people can answer the
    /// agent (approvals, questions, steering). The model, sandbox and approval policy go with <c>thread/start</c>.
    /// </summary>
    public static IReadOnlyList<string> ForAppServer(AgentMcpRun? baton = null) =>
        baton is null ? ["app-server"] : ["app-server", .. CodexMcpConfig.Flags(baton)];

    /// <summary>
    /// The app-server sandbox for an agent's permission mode: the same policies <see cref="Sandbox"/> gives
    /// <c>exec</c>, by their protocol names (<c>bypassPermissions</c> runs unsandboxed). <c>plan</c> also runs its
    /// turns in Codex's plan mode, the only one in which the agent can ask people questions.
    /// </summary>
    public static string SandboxMode(string? permissionMode) => permissionMode switch
    {
        "plan" or "read-only" => "read-only",
        "bypassPermissions" or "danger-full-access" => "danger-full-access",
        _ => "workspace-write",
    };

    /// <summary>
    /// The app-server approval policy for an agent's permission mode, when a person can answer. With no mode, or
    /// <c>default</c>, <c>plan</c> or a sandbox name, it is <c>untrusted</c>: Codex runs only the read-only commands it
    /// knows are safe and asks about everything else, which is what an agent that was not pre-allowed a command
    /// should do (<c>on-request</c> would run any command inside the sandbox unasked and leave asking to the model).
    /// <c>acceptEdits</c> is <c>on-request</c>: work inside the sandbox goes ahead, and the agent asks for more.
    /// <c>bypassPermissions</c>, <c>dontAsk</c> and <c>danger-full-access</c> never ask, as with <c>exec</c>. Codex's
    /// own policy names pass through.
    /// </summary>
    public static string ApprovalPolicy(string? permissionMode) => permissionMode switch
    {
        "bypassPermissions" or "dontAsk" or "danger-full-access" or "never" => "never",
        "acceptEdits" or "on-request" => "on-request",
        _ => "untrusted",
    };

    /// <summary>Whether the app-server path knows <paramref name="permissionMode"/> (as a sandbox or an approval policy).</summary>
    public static bool IsKnownForAppServer(string? permissionMode) =>
        Sandbox(permissionMode) is not null || permissionMode is "never" or "on-request" or "untrusted";

    private static List<string> Options(AgentSpec? agent, string? model, AgentMcpRun? baton)
    {
        var args = new List<string> { "exec", "--json", "--skip-git-repo-check" };
        if (baton is not null)
        {
            args.AddRange(CodexMcpConfig.Flags(baton));
        }

        if (Model(agent, model) is { } chosen)
        {
            args.Add("-m");
            args.Add(chosen);
        }

        args.AddRange(Sandbox(agent?.PermissionMode) ?? Sandbox(null)!);
        return args;
    }
}
