using System.Text.Json;
using Baton.Core.Events;

namespace Baton.Core.Application.Views;

/// <summary>An event of the log as SSE clients and <c>--json</c> readers see it.</summary>
public sealed record EventView
{
    public required long Id { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public string? TaskId { get; init; }
    public string? WorkflowId { get; init; }
    public string? PhaseId { get; init; }
    public int? Attempt { get; init; }
    public string? Status { get; init; }
    public string? OldStatus { get; init; }
    /// <summary>The error of a failure, the current step of a progress event, a milestone's text.</summary>
    public string? Message { get; init; }
    /// <summary>More about the change: an interaction's id, kind and summary, a decision and who made it.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>The view of <paramref name="record"/>.</summary>
    public static EventView Of(EventRecord record) => new()
    {
        Id = record.Id,
        Type = record.Type,
        Timestamp = record.At,
        TaskId = record.TaskId,
        WorkflowId = record.WorkflowId,
        PhaseId = record.PhaseId,
        Attempt = record.Attempt,
        Status = record.Status,
        OldStatus = record.OldStatus,
        Message = record.Message,
        Data = record.Data is { } data ? JsonDocument.Parse(data).RootElement.Clone() : null,
    };
}
