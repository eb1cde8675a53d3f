using System.Text.Json;

namespace Baton.Core.Application.Views;

/// <summary>
/// An interaction as every interface shows it (CLI --json, REST, MCP): what was asked of a person, of which task or
/// phase, how long it has waited, how to answer it, and the answer once given.
/// </summary>
public sealed record InteractionView
{
    /// <summary>The interaction's id (<c>in_</c> and 12 characters).</summary>
    public required string InteractionId { get; init; }
    /// <summary>tool_approval, question, plan_approval, phase_gate, budget or merge_conflict.</summary>
    public required string Kind { get; init; }
    /// <summary>open, answered, withdrawn or expired.</summary>
    public required string Status { get; init; }
    /// <summary>One readable line to decide on, e.g. <c>Bash: rm -rf build</c>.</summary>
    public required string Summary { get; init; }
    public string? TaskId { get; init; }
    /// <summary>The task's name, when known.</summary>
    public string? TaskName { get; init; }
    public int? Attempt { get; init; }
    public string? WorkflowId { get; init; }
    public string? PhaseId { get; init; }
    public string? ToolName { get; init; }
    /// <summary>The tool's input as the agent's CLI sent it (JSON).</summary>
    public JsonElement? Input { get; init; }
    /// <summary>What the CLI suggests remembering on "always" (JSON).</summary>
    public JsonElement? Suggestions { get; init; }
    public string? Detail { get; init; }
    public required IReadOnlyList<InteractionQuestionView> Questions { get; init; }
    public string? Plan { get; init; }
    /// <summary>The decisions this kind takes: approve and deny, or answer and deny.</summary>
    public required IReadOnlyList<string> Decisions { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>How long it has waited (open) or waited before it closed, in whole seconds.</summary>
    public required long WaitedSeconds { get; init; }
    /// <summary>While open: the commands that answer it, e.g. <c>baton task approve 3f9a2c</c>.</summary>
    public required IReadOnlyList<string> AnswerWith { get; init; }
    public InteractionResponseView? Response { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Why it was withdrawn or expired.</summary>
    public string? CloseReason { get; init; }
    /// <summary>When the answer reached the agent's process.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? RemindedAt { get; init; }
}
