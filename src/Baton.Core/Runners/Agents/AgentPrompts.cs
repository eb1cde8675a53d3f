namespace Baton.Core.Runners.Agents;

/// <summary>What every agent runner tells its CLI beyond the task's own prompt, and how it picks the model.</summary>
internal static class AgentPrompts
{
    /// <summary>What a resumed session is told when the attempt brings no follow-up of its own.</summary>
    public const string Resume =
        "Your work on this task was interrupted (the orchestrator running you restarted), so your last step may not have "
        + "finished. Check where things stand, then continue the task from where you left off and finish it.";

    /// <summary>The task's prompt, followed by the summary of its upstream tasks' results when it has one.</summary>
    public static string ForTask(Tasks.TaskRecord task) =>
        task.UpstreamContext is { } upstream
            ? $"{task.Definition.Instructions?.TrimEnd()}\n\n{upstream}"
            : task.Definition.Instructions ?? string.Empty;

    /// <summary>
    /// For CLIs without a flag to add to their system prompt: the agent's prompt goes first in the user prompt, in a
    /// block whose tags say where it ends.
    /// </summary>
    public static string WithInstructions(AgentSpec? agent, string prompt) =>
        string.IsNullOrWhiteSpace(agent?.SystemPrompt)
            ? prompt
            : $"<agent_instructions>\n{agent.SystemPrompt.Trim()}\n</agent_instructions>\n\n{prompt}";

    /// <summary>The model to ask for: the task's, else the agent's; null (the CLI's default) for none or "inherit".</summary>
    public static string? Model(AgentSpec? agent, string? model) =>
        (model ?? agent?.Model) is { Length: > 0 } chosen && chosen != "inherit" ? chosen : null;
}
