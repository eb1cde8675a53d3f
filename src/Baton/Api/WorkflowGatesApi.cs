using Baton.Core.Application;
using Baton.Core.Application.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>People in a workflow's loop: approve or reject a gated phase, pause and resume a workflow.</summary>
internal static class WorkflowGatesApi
{
    public static IEndpointRouteBuilder MapWorkflowGatesApi(this IEndpointRouteBuilder routes)
    {
        var workflows = routes.MapGroup("/api/v1/workflows").WithTags("Workflows").WithApiProblems();
        workflows.MapPost("/{workflow_id}/phases/{phase_id}/approve", ApproveAsync).Accepts<PhaseApproveBody>("application/json")
            .WithName("ApproveWorkflowPhase").WithSummary("Approve a gated phase that waits for a person: its tasks start")
            .WithDescription("The body is optional: {\"feedback\": \"...\"} is added to the phase's tasks' prompts. 404 for an unknown workflow or phase; "
                + "409 for a phase without a gate, one that does not wait (yet), or a gate decided before.");
        workflows.MapPost("/{workflow_id}/phases/{phase_id}/reject", RejectAsync).Accepts<PhaseRejectBody>("application/json")
            .WithName("RejectWorkflowPhase").WithSummary("Reject a gated phase: its tasks fail under the workflow's failure policy")
            .WithDescription("The body is optional: {\"message\": \"...\"} is recorded as the error of the phase's tasks and of the workflow. "
                + "404 for an unknown workflow or phase; 409 when there is nothing to decide.");
        workflows.MapPost("/{workflow_id}/pause", PauseAsync)
            .WithName("PauseWorkflow").WithSummary("Pause a workflow: waiting tasks are held, running agents interrupted with their sessions kept")
            .WithDescription("409 for a draft, an ended or an already paused workflow.");
        workflows.MapPost("/{workflow_id}/resume", ResumeAsync)
            .WithName("ResumeWorkflow").WithSummary("Resume a paused workflow: everything it held goes back to the queue")
            .WithDescription("409 for a workflow that is not paused.");
        return routes;
    }

    private static async Task<Ok<WorkflowView>> ApproveAsync(
        [FromRoute(Name = "workflow_id")] string workflowId, [FromRoute(Name = "phase_id")] string phaseId, HttpContext context, WorkflowService workflows,
        CancellationToken cancellationToken)
    {
        var body = HasBody(context.Request) ? await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.PhaseApproveBody, cancellationToken) : new PhaseApproveBody();
        return TypedResults.Ok(WorkflowViews.Of(await workflows.ApproveAsync(ApiIds.Workflow(workflowId), phaseId, body.Feedback, ApiCaller.Name(context), cancellationToken)));
    }

    private static async Task<Ok<WorkflowView>> RejectAsync(
        [FromRoute(Name = "workflow_id")] string workflowId, [FromRoute(Name = "phase_id")] string phaseId, HttpContext context, WorkflowService workflows,
        CancellationToken cancellationToken)
    {
        var body = HasBody(context.Request) ? await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.PhaseRejectBody, cancellationToken) : new PhaseRejectBody();
        return TypedResults.Ok(WorkflowViews.Of(await workflows.RejectAsync(ApiIds.Workflow(workflowId), phaseId, body.Message, ApiCaller.Name(context), cancellationToken)));
    }

    private static async Task<Ok<WorkflowView>> PauseAsync([FromRoute(Name = "workflow_id")] string workflowId, HttpContext context, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(WorkflowViews.Of(await workflows.PauseAsync(ApiIds.Workflow(workflowId), ApiCaller.Name(context), cancellationToken)));

    private static async Task<Ok<WorkflowView>> ResumeAsync([FromRoute(Name = "workflow_id")] string workflowId, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(WorkflowViews.Of(await workflows.ResumeAsync(ApiIds.Workflow(workflowId), cancellationToken)));

    // The decision's text is optional, so an empty request (no body, or no content type) is a decision without one.
    private static bool HasBody(HttpRequest request) => request.ContentLength is not 0 && (request.ContentLength is > 0 || request.ContentType is not null);
}
