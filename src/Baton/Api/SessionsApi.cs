using Baton.Core.Application;
using Baton.Core.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>
/// Agent sessions under /api/v1/sessions (as <c>baton session list|show --json</c>), and a task's capsules under
/// /api/v1/tasks/{id}/capsules. Reads only: a read-scoped token may use them.
/// </summary>
internal static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/api/v1/sessions").WithTags("Sessions").WithApiProblems();
        sessions.MapGet("", ListAsync)
            .WithName("ListAgentSessions").WithSummary("Agent sessions, the latest activity first: runner, agent, working directory, tasks and attempts, tokens, cost, latest capsule")
            .WithDescription($"Filters: agent (an agent's name, or a runner's for tasks without one), task_id (id or unique prefix: the sessions that task used), limit (default {SessionQuery.DefaultLimit}, at most {SessionQuery.MaxLimit}).");
        sessions.MapGet("/{id}", GetAsync)
            .WithName("GetAgentSession").WithSummary("One session with its attempts, oldest first, and its latest capsule; 404 for an id no attempt recorded");
        routes.MapGroup("/api/v1/tasks").WithTags("Sessions").WithApiProblems()
            .MapGet("/{id}/capsules", CapsulesAsync)
            .WithName("ListTaskCapsules").WithSummary("The capsules a task's agent saved with context_save, newest first")
            .WithDescription($"limit (default {SessionService.DefaultCapsules}, at most {SessionQuery.MaxLimit}). Each capsule: current_task, completed_steps, next_steps, decisions (decision, reason), files, open_questions, failed_approaches.");
        return routes;
    }

    private static async Task<Ok<SessionListView>> ListAsync(
        [FromQuery] string? agent, [FromQuery(Name = "task_id")] string? taskId, [FromQuery] string? limit, SessionService sessions, CancellationToken cancellationToken)
    {
        var count = ApiQuery.Integer(limit, "limit", 1, SessionQuery.MaxLimit) ?? SessionQuery.DefaultLimit;
        return TypedResults.Ok(await sessions.ListAsync(new SessionQuery(Blank(agent), Blank(taskId), count), cancellationToken));
    }

    private static async Task<Ok<SessionView>> GetAsync([FromRoute] string id, SessionService sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sessions.GetAsync(id, cancellationToken));

    private static async Task<Ok<CapsuleListView>> CapsulesAsync([FromRoute] string id, [FromQuery] string? limit, SessionService sessions, CancellationToken cancellationToken)
    {
        var count = ApiQuery.Integer(limit, "limit", 1, SessionQuery.MaxLimit) ?? SessionService.DefaultCapsules;
        return TypedResults.Ok(await sessions.CapsulesOfTaskAsync(id, count, cancellationToken));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
