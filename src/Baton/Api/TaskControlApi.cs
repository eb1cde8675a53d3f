using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>People steering a task under /api/v1/tasks/{id}: a message into its session, a follow-up, pause, resume, priority.</summary>
internal static class TaskControlApi
{
    public static IEndpointRouteBuilder MapTaskControlApi(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/api/v1/tasks").WithTags("Tasks").WithApiProblems();
        tasks.MapPost("/{task_id}/intervene", InterveneAsync).Accepts<InterveneBody>("application/json")
            .WithName("InterveneInTask").WithSummary("Send a message into a running agent's session")
            .WithDescription("A running agent gets the message now (202); a task that is not running continues its agent session with it, as a follow-up (200). 409 for a command task, or an agent task with no session yet.");
        tasks.MapPost("/{task_id}/continue", ContinueAsync).Accepts<ContinueBody>("application/json")
            .WithName("ContinueTask").WithSummary("Continue an ended agent task's session with a follow-up")
            .WithDescription("Queues a new attempt that resumes the agent's session with message, as 'baton task continue' does (200, the task pending again). "
                + "409 while the task has not ended, for a command task, for an agent task with no session yet, or in a cancelled workflow.");
        tasks.MapPost("/{task_id}/pause", PauseAsync).Accepts<PauseBody>("application/json")
            .WithName("PauseTask").WithSummary("Pause a task")
            .WithDescription("A waiting task is paused at once (200); a running agent is interrupted with its session kept and the task becomes paused shortly (202, pause_requested: true). The body may be left out. 409 if it ended.");
        tasks.MapPost("/{task_id}/resume", ResumeAsync).Accepts<ResumeBody>("application/json")
            .WithName("ResumeTask").WithSummary("Resume a paused task in the same agent session")
            .WithDescription("The task is queued again and its agent continues the same session, told message if given. A pause not yet carried out is withdrawn instead. The body may be left out. 409 if it is not paused.");
        tasks.MapPost("/{task_id}/priority", PriorityAsync).Accepts<PriorityBody>("application/json")
            .WithName("SetTaskPriority").WithSummary("Change the priority of a task that is not running yet")
            .WithDescription("priority: critical, high, normal or low. 409 once the task runs or ended.");
        return routes;
    }

    private static async Task<Results<Ok<TaskView>, Accepted<TaskView>>> InterveneAsync(
        [FromRoute(Name = "task_id")] string taskId, HttpContext context, TaskService tasks, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.InterveneBody, cancellationToken);
        var message = Text(body.Message, "message") ?? throw new ApiInputException("message is required: what the agent is told", "message", StatusCodes.Status422UnprocessableEntity);
        var intervention = await tasks.InterveneAsync(ApiIds.Task(taskId), message, ApiCaller.Name(context), cancellationToken);
        var view = Views.Of(intervention.Task);
        return intervention.Outcome == InterventionOutcome.Sent
            ? TypedResults.Accepted($"/api/v1/tasks/{view.TaskId}", view)
            : TypedResults.Ok(view);
    }

    private static async Task<Ok<TaskView>> ContinueAsync(
        [FromRoute(Name = "task_id")] string taskId, HttpContext context, TaskService tasks, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.ContinueBody, cancellationToken);
        var message = Text(body.Message, "message") ?? throw new ApiInputException("message is required: the follow-up the agent is told", "message", StatusCodes.Status422UnprocessableEntity);
        return TypedResults.Ok(Views.Of(await tasks.ContinueAsync(ApiIds.Task(taskId), message, cancellationToken)));
    }

    private static async Task<Results<Ok<TaskView>, Accepted<TaskView>>> PauseAsync(
        [FromRoute(Name = "task_id")] string taskId, HttpContext context, TaskService tasks, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadOptionalAsync(context.Request, ApiJsonContext.Default.PauseBody, new PauseBody(), cancellationToken);
        var result = await tasks.PauseAsync(ApiIds.Task(taskId), Text(body.Reason, "reason"), cancellationToken);
        return Changed(result);
    }

    private static async Task<Results<Ok<TaskView>, Accepted<TaskView>>> ResumeAsync(
        [FromRoute(Name = "task_id")] string taskId, HttpContext context, TaskService tasks, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadOptionalAsync(context.Request, ApiJsonContext.Default.ResumeBody, new ResumeBody(), cancellationToken);
        var result = await tasks.ResumeAsync(ApiIds.Task(taskId), Text(body.Message, "message"), cancellationToken);
        return Changed(result);
    }

    private static async Task<Ok<TaskView>> PriorityAsync(
        [FromRoute(Name = "task_id")] string taskId, HttpContext context, TaskService tasks, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.PriorityBody, cancellationToken);
        var priority = ApiQuery.OneOf<TaskPriority>(body.Priority, "priority", TaskPriorities.AllNames, TaskPriorities.TryParse)
            ?? throw new ApiInputException($"priority is required: one of {string.Join(", ", TaskPriorities.AllNames)}", "priority", StatusCodes.Status422UnprocessableEntity);
        return TypedResults.Ok(Views.Of(await tasks.SetPriorityAsync(ApiIds.Task(taskId), priority, cancellationToken)));
    }

    private static Results<Ok<TaskView>, Accepted<TaskView>> Changed(TaskChangeResult result)
    {
        var view = Views.Of(result.Task!);
        return result.Outcome == TaskChangeOutcome.Requested
            ? TypedResults.Accepted($"/api/v1/tasks/{view.TaskId}", view)
            : TypedResults.Ok(view);
    }

    // The application layer bounds the length; a blank text is a mistake worth naming.
    private static string? Text(string? text, string field) => text switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(text) => throw new ApiInputException($"{field} is empty; leave it out or say something", field, StatusCodes.Status422UnprocessableEntity),
        _ => text,
    };
}
