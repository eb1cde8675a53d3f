using Baton.Core.Notifications;

namespace Baton.Core.Application.Views;

/// <summary>A notification as every interface shows it.</summary>
public sealed record NotificationView
{
    public required long Id { get; init; }

    /// <summary>task_complete, task_failure, phase_start, phase_complete, milestone, update or input_required.</summary>
    public required string Type { get; init; }

    public required string Message { get; init; }
    public string? WorkflowId { get; init; }
    public string? TaskId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a reader first took it; null while unread.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The event of the log it came from (the id SSE and webhooks carry).</summary>
    public required long EventId { get; init; }

    /// <summary>The view of <paramref name="record"/>.</summary>
    public static NotificationView Of(NotificationRecord record) => new()
    {
        Id = record.Id,
        Type = record.Type,
        Message = record.Message,
        WorkflowId = record.WorkflowId,
        TaskId = record.TaskId,
        CreatedAt = record.CreatedAt,
        DeliveredAt = record.DeliveredAt,
        EventId = record.EventId,
    };
}
