using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Interactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>
/// What waits for people, under /api/v1/interactions: agents' tool approvals, questions and plans, and phase gates;
/// list them, read one, answer one. Read tokens may list and read; answering needs write.
/// </summary>
internal static class InteractionsApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;
    private const string AllStatuses = "all";

    public static IEndpointRouteBuilder MapInteractionsApi(this IEndpointRouteBuilder routes)
    {
        var interactions = routes.MapGroup("/api/v1/interactions").WithTags("Interactions").WithApiProblems();
        interactions.MapGet("", ListAsync)
            .WithName("ListInteractions").WithSummary("What waits for a person, oldest first")
            .WithDescription("status: open (default), answered, withdrawn, expired or all; task_id and workflow_id filter; limit (default 100, at most 1000). Each open one lists the commands that answer it.");
        interactions.MapGet("/{interaction_id}", GetAsync)
            .WithName("GetInteraction").WithSummary("An interaction: what was asked, and the answer once given");
        interactions.MapPost("/{interaction_id}/respond", RespondAsync).Accepts<RespondBody>("application/json")
            .WithName("RespondToInteraction").WithSummary("Answer an interaction")
            .WithDescription("decision: approve or deny (tool_approval, plan_approval, phase_gate), answer or deny (question); approve or answer 'resolved' once the files are fixed and staged, answer 'agent NAME [instructions]' to hand the conflict to that agent, deny or answer 'abort' (merge_conflict). message: a denial's reason or an approval's feedback. answers: a question's answers keyed by question text or number; option: pick the first question's Nth option. remember: with approve, do not ask again this session. The answer records who gave it. 409 if it was answered, withdrawn or expired already; 422 for a decision the kind does not take.");
        return routes;
    }

    private static async Task<Ok<InteractionListView>> ListAsync(
        InteractionService interactions, TaskService tasks, WorkflowService workflows, TimeProvider time,
        [FromQuery] string? status, [FromQuery(Name = "task_id")] string? taskId, [FromQuery(Name = "workflow_id")] string? workflowId,
        [FromQuery] string? limit, CancellationToken cancellationToken)
    {
        InteractionStatus? state = status?.Trim().ToLowerInvariant() == AllStatuses
            ? null
            : ApiQuery.OneOf<InteractionStatus>(status, "status", [.. InteractionStatuses.AllNames, AllStatuses], InteractionStatuses.TryParse) ?? InteractionStatus.Open;
        var pageSize = ApiQuery.Integer(limit, "limit", 1, MaxLimit) ?? DefaultLimit;
        var task = taskId is null ? null : (await tasks.GetAsync(ApiIds.Task(taskId), cancellationToken)).Task.Id;
        var workflow = workflowId is null ? null : await workflows.ResolveIdAsync(ApiIds.Workflow(workflowId), cancellationToken);
        var found = await interactions.ListAsync(new InteractionQuery(state, task, workflow, pageSize), cancellationToken);
        var now = time.GetUtcNow();
        var views = found.Select(i => InteractionViews.Of(i, now)).ToList();
        return TypedResults.Ok(new InteractionListView(views, views.Count));
    }

    private static async Task<Ok<InteractionView>> GetAsync(
        [FromRoute(Name = "interaction_id")] string interactionId, InteractionService interactions, TimeProvider time, CancellationToken cancellationToken)
    {
        var interaction = await interactions.GetAsync(ApiIds.Interaction(interactionId), cancellationToken);
        return TypedResults.Ok(InteractionViews.Of(interaction, time.GetUtcNow()));
    }

    private static async Task<Ok<InteractionView>> RespondAsync(
        [FromRoute(Name = "interaction_id")] string interactionId, HttpContext context, InteractionService interactions, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var id = ApiIds.Interaction(interactionId);
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.RespondBody, cancellationToken);
        var decision = Decision(body);
        var answers = body.Answers is { Count: > 0 } given ? InteractionAnswers.Normalize(await interactions.GetAsync(id, cancellationToken), given) : null;
        var reply = new InteractionReply(decision, body.Message, answers, body.Option, body.Remember == true);
        var answered = await interactions.RespondAsync(id, reply, ApiCaller.Name(context), cancellationToken);
        return TypedResults.Ok(InteractionViews.Of(answered, time.GetUtcNow()));
    }

    private static InteractionDecision Decision(RespondBody body)
    {
        if (body.Decision is null)
        {
            throw new ApiInputException($"decision is required: one of {string.Join(", ", InteractionDecisions.AllNames)}", "decision", StatusCodes.Status422UnprocessableEntity);
        }

        return InteractionDecisions.TryParse(body.Decision, out var decision)
            ? decision
            : throw new ApiInputException(
                $"decision '{ApiQuery.Shorten(body.Decision)}' is not one of {string.Join(", ", InteractionDecisions.AllNames)}", "decision", StatusCodes.Status422UnprocessableEntity);
    }
}
