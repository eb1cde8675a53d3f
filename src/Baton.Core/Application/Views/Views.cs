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
            AgentName = d.AgentName ?? d.Agent?.Name,
            Model = d.Model ?? d.Agent?.Model,
            WorkingDirectory = d.WorkingDirectory,
            WorktreeBranch = d.Worktree ? Worktrees.GitWorktrees.BranchFor(task.Id, d) : null,
            EnvironmentKeys = [.. d.Environment.Keys.Order(StringComparer.Ordinal)],
            Tags = d.Tags,
            RequiresLabels = d.RequiresLabels,
            Metadata = d.Metadata,
            TimeoutSeconds = d.TimeoutSeconds,
            InputTimeoutSeconds = d.InputTimeoutSeconds,
            BudgetUsd = d.BudgetUsd,
            OnInputTimeout = d.OnInputTimeout is { } onTimeout ? Interactions.InputTimeoutActions.ToWire(onTimeout) : null,
            MaxRetries = d.MaxRetries,
            RetryBackoff = d.RetryBackoff.ToWire(),
            IdempotencyKey = d.IdempotencyKey,
            CreatedBy = d.CreatedBy,
            WorkflowId = d.WorkflowId,
            PhaseId = d.PhaseId,
            DependsOn = d.DependsOn,
            Blocked = task.Blocked,
            SessionFrom = d.Session is { } session ? new SessionFromView(session.TaskId, Sessions.SessionUses.ToWire(session.Use)) : null,
            UpstreamContext = task.UpstreamContext,
            CreatedAt = task.CreatedAt,
            RunAt = d.RunAt,
            NextAttemptAt = task.Status is TaskState.Pending or TaskState.Retrying ? task.DueAt : null,
            StartedAt = task.StartedAt,
            CompletedAt = task.CompletedAt,
            AttemptCount = task.AttemptCount,
            CancelRequested = task.CancelRequested,
            PauseRequested = task.PauseRequested,
            PauseReason = task.PauseReason,
            Progress = Progress(task, attempts),
            SessionId = attempts?.LastOrDefault(a => (a.Details?.SessionId ?? a.Progress?.SessionId) is not null) is { } withSession
                ? withSession.Details?.SessionId ?? withSession.Progress?.SessionId
                : null,
            Tokens = Tokens(attempts),
            CostUsd = attempts is null ? null : Cost(attempts),
            CostEstimated = Estimated(attempts),
            Result = task.Result,
            Error = task.Error,
            PermissionDenials = task.PermissionDenials,
            Notice = task.Notice,
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
        SessionId = attempt.Details?.SessionId ?? attempt.Progress?.SessionId,
        CurrentStep = attempt.Progress?.CurrentStep,
        Turns = attempt.Details?.Turns ?? attempt.Progress?.Turns,
        ApiRetries = attempt.Progress?.ApiRetries,
        Agent = attempt.Details,
    };

    // The agent's own word (progress_update) wins over what Baton reads from its tool calls: it knows where it stands.
    private static ProgressView? Progress(TaskRecord task, IReadOnlyList<AttemptRecord>? attempts)
    {
        if (task.Status != TaskState.Running || attempts is null || attempts.Count == 0)
        {
            return null;
        }

        var (progress, report) = (attempts[^1].Progress, attempts[^1].Report);
        if (progress is null && report is null)
        {
            return null;
        }

        return new ProgressView
        {
            Percent = report?.Percent,
            CurrentStep = report?.Step ?? progress?.CurrentStep,
            Turns = progress?.Turns,
            ApiRetries = progress?.ApiRetries,
        };
    }

    /// <summary>The attempts' cost in all, or null when none reported one.</summary>
    internal static decimal? Cost(IReadOnlyList<AttemptRecord> attempts) =>
        attempts.Where(a => a.Details?.CostUsd is not null).Select(a => a.Details!.CostUsd!.Value).DefaultIfEmpty().Sum() is { } cost && cost > 0 ? cost : null;

    /// <summary>True when any of the attempts' cost is Baton's estimate from the price table; null otherwise (left out of JSON).</summary>
    internal static bool? Estimated(IReadOnlyList<AttemptRecord>? attempts) =>
        attempts?.Any(a => a.Details?.CostEstimated == true) == true ? true : null;

    /// <summary>The attempts' tokens in all, or null when none reported any.</summary>
    internal static TokensView? Tokens(IReadOnlyList<AttemptRecord>? attempts)
    {
        var usages = attempts?.Where(a => a.Details is not null).SelectMany(a => a.Details!.Models.Values).ToList();
        return usages is null || usages.Count == 0
            ? null
            : new TokensView(usages.Sum(u => u.InputTokens), usages.Sum(u => u.OutputTokens), usages.Sum(u => u.CacheReadTokens), usages.Sum(u => u.CacheWriteTokens));
    }
}
