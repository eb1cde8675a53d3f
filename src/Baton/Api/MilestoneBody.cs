using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/milestones</c>: a milestone of a task or a workflow.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record MilestoneBody
{
    /// <summary>The task that reached it (its workflow, if any, is recorded too).</summary>
    public string? TaskId { get; init; }

    /// <summary>The workflow that reached it, when no task is named.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>What was reached: one line for a person (at most 4 KiB).</summary>
    public string? Message { get; init; }
}
