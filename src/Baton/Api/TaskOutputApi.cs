using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Application.Changes;
using Baton.Core.Application.Transcripts;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Attempts;
using Baton.Core.Logs;
using Baton.Core.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>What pollers read about a task: the status and result routes, and the attempts' logs.</summary>
internal static class TaskOutputApi
{
    public static IEndpointRouteBuilder MapTaskOutputApi(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/api/v1/tasks/{task_id}").WithTags("Tasks").WithApiProblems();
        tasks.MapGet("/status", StatusAsync)
            .WithName("GetTaskStatus").WithSummary("A task's status, progress and estimate, for polling")
            .WithDescription("progress.percent and progress.estimated_time_remaining (seconds) come from earlier runs of tasks of the same name in workflows, and are null without that history; progress.current_step is the agent's latest tool call.");
        tasks.MapGet("/result", ResultAsync)
            .WithName("GetTaskResult").WithSummary("The result (or error) of a task that ended")
            .WithDescription("409 while the task has not ended: poll its status until then.");
        tasks.MapGet("/logs", LogsAsync)
            .WithName("GetTaskLogs").WithSummary("An attempt's captured output, as text")
            .WithDescription("The latest attempt unless attempt=N. For agent tasks a readable transcript, unless raw=true. Empty until the first attempt starts. Raw logs honour Range requests, so a follower can ask for what it has not read yet.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        tasks.MapGet("/transcript", TranscriptAsync)
            .WithName("GetTaskTranscript").WithSummary("An attempt's transcript as entries, for a page to render")
            .WithDescription("The latest attempt unless attempt=N. Each entry has a kind (session, assistant, user, thinking, tool_call, tool_result, tool_error, "
                + "request, error, usage, result, or output for any other line; every line of a command task is output) and its text exactly as 'baton task logs' "
                + "prints it: plain text, never markup. offset (bytes into the log, default 0) reads only what came after a previous answer's next_offset; "
                + "only whole lines are read, at most 4 MiB of log per call. complete is true once the attempt ended and all of it was read.");
        tasks.MapGet("/changes", ChangesAsync)
            .WithName("GetTaskChanges").WithSummary("Files changed, commits made and the diff, where the task's working directory is a git repository")
            .WithDescription("{\"repository\": false} when it is not (or git is missing). The base the diff is taken against is in base, and in words in base_description: "
                + "a task run in its own worktree (worktree: true) is its branch against where it forks from the repository's HEAD (git merge-base), with what is not "
                + "committed in the worktree while it exists. Any other task is the commits of the repository's HEAD made during its attempts (first start to last end, "
                + "or now while it runs) against the parent of the oldest of them, with what is not committed: the whole working tree while the task runs; once it ended, "
                + "only the files its agent reported changing (a command task: its commits only). Untracked files are listed with untracked: true. "
                + "The diff is plain text, cut at 512 KiB with a last line saying so (diff_truncated: true). git runs read-only, with a time limit.");
        return routes;
    }

    private static async Task<Ok<TaskStatusView>> StatusAsync(
        [FromRoute(Name = "task_id")] string taskId, TaskService tasks, WorkflowService history, TimeProvider time, CancellationToken cancellationToken)
    {
        var details = await tasks.GetAsync(ApiIds.Task(taskId), cancellationToken);
        var typical = details.Task.Status.IsTerminal() ? null : await history.TypicalDurationAsync(details.Task.Definition.Name, cancellationToken);

        return TypedResults.Ok(TaskStatusViews.Of(details, typical, time.GetUtcNow()));
    }

    private static async Task<Ok<TaskResultView>> ResultAsync([FromRoute(Name = "task_id")] string taskId, TaskService tasks, CancellationToken cancellationToken)
    {
        var details = await tasks.GetAsync(ApiIds.Task(taskId), cancellationToken);
        var task = details.Task;
        if (!task.Status.IsTerminal())
        {
            throw BatonException.Conflict(
                $"task {task.Id} is {task.Status.ToWire()} and has no result yet; poll GET /api/v1/tasks/{task.Id}/status until it ends");
        }

        return TypedResults.Ok(TaskStatusViews.ResultOf(details));
    }

    private static async Task<Ok<TranscriptView>> TranscriptAsync(
        [FromRoute(Name = "task_id")] string taskId, [FromQuery] string? attempt, [FromQuery] string? offset,
        TaskService tasks, AttemptLogReader logs, BatonSettings settings, CancellationToken cancellationToken)
    {
        var number = ApiQuery.Integer(attempt, "attempt", 1, int.MaxValue);
        var from = ApiQuery.Integer(offset, "offset", 0, int.MaxValue) ?? 0;
        var details = await tasks.GetAsync(ApiIds.Task(taskId), cancellationToken);
        var (task, attempts) = (details.Task, details.Attempts);
        var chosen = Chosen(task, attempts, number);
        var view = TranscriptView.Of(task, chosen, from);
        if (chosen is null)
        {
            return TypedResults.Ok(view);
        }

        if (logs.Open(chosen.Key, LogPath(task, chosen, settings)) is not { } input)
        {
            return TypedResults.Ok(view);
        }

        await using (input)
        {
            var page = await TranscriptReader.ReadAsync(input, from, view.Complete, task.Definition.Runner, task.Definition.WorkingDirectory, cancellationToken);
            return TypedResults.Ok(view with { Entries = page.Entries, NextOffset = page.NextOffset, Complete = view.Complete && page.ReachedEnd });
        }
    }

    private static async Task<Ok<TaskChangesView>> ChangesAsync(
        [FromRoute(Name = "task_id")] string taskId, TaskService tasks, BatonSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var details = await tasks.GetAsync(ApiIds.Task(taskId), cancellationToken);
        return TypedResults.Ok(await new TaskChangesReader(settings.Engine.WorktreeDirectory, time).ReadAsync(details, cancellationToken));
    }

    private static AttemptRecord? Chosen(TaskRecord task, IReadOnlyList<AttemptRecord> attempts, int? number) => number is { } n
        ? attempts.FirstOrDefault(a => a.Key.Number == n) ?? throw BatonException.NotFound($"task {task.Id} has no attempt {n}; it has {attempts.Count}")
        : attempts.Count > 0 ? attempts[^1] : null;

    private static string LogPath(TaskRecord task, AttemptRecord attempt, BatonSettings settings) =>
        attempt.LogPath ?? Path.Combine(settings.LogDirectory, task.Id, $"{attempt.Key.Number}.log");

    private static async Task<IResult> LogsAsync(
        [FromRoute(Name = "task_id")] string taskId, [FromQuery] string? attempt, [FromQuery] string? raw,
        HttpContext context, TaskService tasks, AttemptLogReader logs, BatonSettings settings, CancellationToken cancellationToken)
    {
        var number = ApiQuery.Integer(attempt, "attempt", 1, int.MaxValue);
        var asIs = ApiQuery.Flag(raw, "raw");
        var details = await tasks.GetAsync(ApiIds.Task(taskId), cancellationToken);
        var (task, attempts) = (details.Task, details.Attempts);
        var chosen = number is { } n
            ? attempts.FirstOrDefault(a => a.Key.Number == n) ?? throw BatonException.NotFound($"task {task.Id} has no attempt {n}; it has {attempts.Count}")
            : attempts.Count > 0 ? attempts[^1] : null;
        var path = chosen is null ? null : chosen.LogPath ?? Path.Combine(settings.LogDirectory, task.Id, $"{chosen.Key.Number}.log");
        if (chosen is null || path is null || logs.Open(chosen.Key, path) is not { } input)
        {
            return TypedResults.Text(string.Empty, LogText.ContentType);
        }

        if (LogText.Renderer(task.Definition.Runner) is { } render && !asIs)
        {
            return TypedResults.Stream(output => LogText.WriteTranscriptAsync(input, task.Definition.WorkingDirectory, render, output, cancellationToken), LogText.ContentType);
        }

        if (!logs.IsShared)
        {
            await input.DisposeAsync();
            return TypedResults.PhysicalFile(path, LogText.ContentType, enableRangeProcessing: true);
        }

        // A log kept in the shared store: "Range: bytes=N-" still lets a follower ask for what it has not read.
        await input.DisposeAsync();
        var from = LogText.OpenRangeStart(context.Request.Headers.Range);
        return TypedResults.Stream(output => logs.CopyFromAsync(chosen.Key, path, from, output, cancellationToken), LogText.ContentType);
    }
}
