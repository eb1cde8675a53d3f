using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Application.Listing;
using Baton.Core.Application.Views;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>Tasks under /api/v1/tasks: queue, list with filters and cursor paging, get, cancel, retry.</summary>
internal static class TasksApi
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/api/v1/tasks").WithTags("Tasks").WithApiProblems();
        tasks.MapPost("", CreateAsync).Accepts<TaskBody>("application/json")
            .WithName("CreateTask").WithSummary("Queue a task")
            .WithDescription("Queues an agent (agent_name, agent_instructions) or a command (command: [program, args...]) and returns its id at once: 201, or 200 when idempotency_key names a task queued before.");
        tasks.MapGet("", ListAsync)
            .WithName("ListTasks").WithSummary("List tasks, newest first")
            .WithDescription("Filters, all optional and combined with AND: status (one or several, comma-separated: failed,timed_out), tag, workflow_id, "
                + "agent (the agent definition's name), owner (created_by as shown on the task: loopback, token:ci, cli:alice), "
                + "since and until (created at or after / before: an ISO-8601 time, or a duration back from now such as 30m, 24h, 7d), "
                + "q (text the name contains, ignoring case). A value that cannot be read is refused with 400 naming the filter (an unknown status: 422). "
                + "limit (default 20, at most 1000) tasks per page; pass next_cursor back as cursor for the next page (null on the last): paging keeps every filter.");
        tasks.MapGet("/{task_id}", GetAsync)
            .WithName("GetTask").WithSummary("A task with its attempts");
        tasks.MapPost("/{task_id}/cancel", CancelAsync)
            .WithName("CancelTask").WithSummary("Cancel a task")
            .WithDescription("A waiting task is cancelled at once (200); a running one has its process tree stopped by its worker (202, cancel_requested: true). 409 if it already ended.");
        tasks.MapPost("/{task_id}/retry", RetryAsync)
            .WithName("RetryTask").WithSummary("Queue a failed, cancelled or timed-out task again with a fresh retry budget");
        return routes;
    }

    private static async Task<Results<Created<EnqueuedView>, Ok<EnqueuedView>>> CreateAsync(
        HttpContext context, TaskService tasks, WebhookService webhooks, BatonSettings settings, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.TaskBody, cancellationToken);
        // Checked before anything else, so that a refused URL is reported as the one problem.
        WebhookUrls.Check(webhooks, body.WebhookUrl);

        var definition = await TaskRequests.BuildAsync(body, context, settings, cancellationToken);
        var (result, secret) = body.WebhookUrl is { } url
            ? await webhooks.EnqueueAsync(tasks, definition, TaskRequests.SearchPath, url, cancellationToken)
            : (await tasks.EnqueueAsync(definition, TaskRequests.SearchPath, cancellationToken), null);
        var task = result.Task;
        if (!result.Created)
        {
            return TypedResults.Ok(new EnqueuedView(task.Id, task.Status.ToWire(), false,
                $"Task {task.Id} already exists for idempotency key '{definition.IdempotencyKey}' ({task.Status.ToWire()})"));
        }

        return TypedResults.Created($"/api/v1/tasks/{task.Id}", new EnqueuedView(task.Id, task.Status.ToWire(), true, $"Task {task.Id} queued", secret));
    }

    private static async Task<Ok<TaskPageView>> ListAsync(
        TaskService tasks, WorkflowService workflows, TimeProvider time,
        [FromQuery] string? status, [FromQuery] string? tag, [FromQuery(Name = "workflow_id")] string? workflowId,
        [FromQuery] string? agent, [FromQuery] string? owner, [FromQuery] string? since, [FromQuery] string? until, [FromQuery] string? q,
        [FromQuery] string? limit, [FromQuery] string? cursor, CancellationToken cancellationToken)
    {
        var pageSize = ApiQuery.Integer(limit, "limit", 1, MaxLimit) ?? DefaultLimit;
        // One more than asked tells whether another page follows, so the last page says so without an empty extra one.
        var query = Filtered(new TaskQuery(Tag: tag, Limit: pageSize + 1), new TaskListFilter(status, agent, owner, since, until, q), time.GetUtcNow());
        var after = cursor is null ? null : TaskCursor.Decode(cursor);
        if (after is not null && !await tasks.ExistsAsync(after, cancellationToken))
        {
            throw new ApiInputException("cursor names a task this daemon does not have; leave cursor out to start from the first page", "cursor");
        }

        var workflow = workflowId is null ? null : await workflows.ResolveIdAsync(workflowId, cancellationToken);
        var found = await tasks.ListAsync(query with { WorkflowId = workflow, AfterId = after }, cancellationToken);
        var page = found.Take(pageSize).Select(t => Views.Of(t)).ToList();
        var next = found.Count > pageSize ? TaskCursor.Encode(page[^1].TaskId) : null;
        return TypedResults.Ok(new TaskPageView(page, next));
    }

    // An unknown status is a value outside a known set (422, as before); the other filters could not be read (400).
    private static TaskQuery Filtered(TaskQuery query, TaskListFilter filter, DateTimeOffset now)
    {
        try
        {
            return TaskListFilters.Apply(query, filter, now);
        }
        catch (TaskFilterException ex)
        {
            throw new ApiInputException(ex.Message, ex.Field, ex.Field == "status" ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<Ok<TaskView>> GetAsync(
        [FromRoute(Name = "task_id")] string taskId, TaskService tasks, InteractionService interactions, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(await tasks.GetAsync(ApiIds.Task(taskId), cancellationToken), interactions, time, cancellationToken));

    /// <summary>The body of GET /api/v1/tasks/{id}: the task, its attempts, and what it waits for a person to answer.</summary>
    public static async Task<TaskView> ViewAsync(TaskDetails details, InteractionService interactions, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var open = details.Task.Status.IsTerminal()
            ? []
            : await interactions.ListAsync(new Core.Interactions.InteractionQuery(Core.Interactions.InteractionStatus.Open, details.Task.Id, Limit: 1), cancellationToken);
        var waitingFor = open.Count > 0 ? InteractionViews.Of(open[0], time.GetUtcNow(), details.Task.Definition.Name) : null;
        return Views.Of(details.Task, details.Attempts) with { OpenInteraction = waitingFor };
    }

    private static async Task<Results<Ok<TaskView>, Accepted<TaskView>>> CancelAsync(
        [FromRoute(Name = "task_id")] string taskId, TaskService tasks, CancellationToken cancellationToken)
    {
        var result = await tasks.CancelAsync(ApiIds.Task(taskId), cancellationToken);
        var view = Views.Of(result.Task!);
        return result.Outcome == CancelOutcome.Requested
            ? TypedResults.Accepted($"/api/v1/tasks/{view.TaskId}", view)
            : TypedResults.Ok(view);
    }

    private static async Task<Ok<TaskView>> RetryAsync([FromRoute(Name = "task_id")] string taskId, TaskService tasks, CancellationToken cancellationToken)
    {
        var task = await tasks.RetryAsync(ApiIds.Task(taskId), cancellationToken);
        return TypedResults.Ok(Views.Of(task));
    }
}
