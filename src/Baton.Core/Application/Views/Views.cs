using Baton.Core.Attempts;
using Baton.Core.Tasks;

namespace Baton.Core.Application.Views;

/// <summary>Builds the views from stored records.</summary>
public static class Views
{
    /// <summary>The view of a task, with its attempts if given.</summary>
    public static TaskView Of(TaskRecord task, IReadOnlyList<AttemptRecord>? attempts = null)
    {
        var d = task.Definition;
        return new TaskView
        {
            TaskId = task.Id,
            Name = d.Name,
            Status = task.Status.ToWire(),
            Priority = d.Priority.ToWire(),
            Runner = d.Runner,
            Program = d.Program,
            Args = d.Program is null ? null : d.Arguments,
            AgentName = d.AgentName,
            WorkingDirectory = d.WorkingDirectory,
            EnvironmentKeys = [.. d.Environment.Keys.Order(StringComparer.Ordinal)],
            Tags = d.Tags,
            Metadata = d.Metadata,
            TimeoutSeconds = d.TimeoutSeconds,
            MaxRetries = d.MaxRetries,
            RetryBackoff = d.RetryBackoff.ToWire(),
            IdempotencyKey = d.IdempotencyKey,
            CreatedAt = task.CreatedAt,
            RunAt = d.RunAt,
            NextAttemptAt = task.Status is TaskState.Pending or TaskState.Retrying ? task.DueAt : null,
            StartedAt = task.StartedAt,
            CompletedAt = task.CompletedAt,
            AttemptCount = task.AttemptCount,
            CancelRequested = task.CancelRequested,
            Result = task.Result,
            Error = task.Error,
            Attempts = attempts?.Select(Of).ToList(),
        };
    }

    /// <summary>The view of an attempt.</summary>
    public static AttemptView Of(AttemptRecord attempt) => new()
    {
        Attempt = attempt.Key.Number,
        Status = attempt.Status.ToWire(),
        ExitCode = attempt.ExitCode,
        Signal = attempt.Signal,
        StartedAt = attempt.StartedAt,
        CompletedAt = attempt.EndedAt,
        DurationMs = attempt.EndedAt is { } end ? (long)(end - attempt.StartedAt).TotalMilliseconds : null,
        Error = attempt.Error,
        LogPath = attempt.LogPath,
        Pid = attempt.Process?.ProcessId,
        WorkerId = attempt.WorkerId,
    };
}
