namespace Baton.Core.Sessions;

/// <summary>A saved capsule on the wire: who saved it, where and when, and the capsule itself.</summary>
public sealed record CapsuleView(
    string Id,
    string TaskId,
    int? AttemptNumber,
    string? SessionId,
    string? WorkflowId,
    string Agent,
    DateTimeOffset CreatedAt,
    ContextCapsule Capsule)
{
    /// <summary>The view of <paramref name="record"/>.</summary>
    public static CapsuleView Of(CapsuleRecord record) =>
        new(record.Id, record.TaskId, record.AttemptNumber, record.SessionId, record.WorkflowId, record.Agent, record.CreatedAt, record.Capsule);
}
