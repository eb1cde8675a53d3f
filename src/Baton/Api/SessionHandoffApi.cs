using Baton.Core.Application;
using Baton.Core.Application.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>Work moved to another agent session under /api/v1/tasks/{id}: fork and handoff.</summary>
internal static class SessionHandoffApi
{
    public static IEndpointRouteBuilder MapSessionHandoffApi(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/api/v1/tasks").WithTags("Tasks").WithApiProblems();
        tasks.MapPost("/{task_id}/fork", ForkAsync).Accepts<ForkBody>("application/json")
            .WithName("ForkTask").WithSummary("Start a new task from a copy of a finished agent task's session")
            .WithDescription("Queues a task with the same runner, agent and working directory whose agent resumes a copy of the task's latest session with prompt "
                + "(Claude --fork-session, Codex thread/fork); the original session is left as it was. 201 with the new task; 409 while the task has not ended "
                + "or if it never had a session; 422 for a command task or a runner that cannot fork.");
        tasks.MapPost("/{task_id}/handoff", HandoffAsync).Accepts<HandoffBody>("application/json")
            .WithName("HandOffTask").WithSummary("Hand a finished agent task's work to an agent in a new session")
            .WithDescription("Queues a task for the agent named by to whose prompt starts with the task's latest context capsule, then prompt. If the task saved none, "
                + "a bounded turn of its session is asked to save one first (capsule_request) and the handoff task waits for it. 201; 404 for an unknown agent; "
                + "409 while the task has not ended; 422 for a command task.");
        return routes;
    }

    private static async Task<Created<TaskView>> ForkAsync(
        [FromRoute(Name = "task_id")] string taskId, HttpContext context, SessionHandoffService handoffs, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.ForkBody, cancellationToken);
        var request = new TaskForkRequest
        {
            Prompt = body.Prompt ?? throw new ApiInputException("prompt is required: what the copy of the session is asked to do", "prompt", StatusCodes.Status422UnprocessableEntity),
            Name = body.Name,
            Model = body.Model,
            TimeoutSeconds = body.TimeoutSeconds,
            BudgetUsd = body.BudgetUsd,
            MaxRetries = body.MaxRetries,
            CreatedBy = ApiCaller.Name(context),
        };
        var task = await handoffs.ForkAsync(ApiIds.Task(taskId), request, cancellationToken);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", Views.Of(task));
    }

    private static async Task<Created<HandoffView>> HandoffAsync(
        [FromRoute(Name = "task_id")] string taskId, HttpContext context, SessionHandoffService handoffs, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.HandoffBody, cancellationToken);
        var to = body.To ?? throw new ApiInputException("to is required: the agent that takes the work over", "to", StatusCodes.Status422UnprocessableEntity);
        var result = await handoffs.HandoffAsync(ApiIds.Task(taskId), to, body.Prompt, ApiCaller.Name(context), cancellationToken);
        return TypedResults.Created($"/api/v1/tasks/{result.Task.Id}", HandoffView.Of(result));
    }
}
