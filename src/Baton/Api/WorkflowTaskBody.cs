using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/workflows/{workflow_id}/tasks</c>: the phase, and the same fields as a task on its own.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record WorkflowTaskBody : TaskBody
{
    /// <summary>The phase the task belongs to (required).</summary>
    public string? PhaseId { get; init; }
}
