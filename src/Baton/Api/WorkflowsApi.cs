using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>Workflows under /api/v1/workflows: build one step by step (create, phases, tasks, start), read, cancel, list.</summary>
internal static class WorkflowsApi
{
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder routes)
    {
        var workflows = routes.MapGroup("/api/v1/workflows").WithTags("Workflows").WithApiProblems();
        workflows.MapPost("", CreateAsync).Accepts<WorkflowBody>("application/json")
            .WithName("CreateWorkflow").WithSummary("Create an empty draft workflow")
            .WithDescription("Then add phases and tasks, and start it.");
        workflows.MapGet("", ListAsync)
            .WithName("ListWorkflows").WithSummary("List workflows, newest first")
            .WithDescription("Filters: status; limit (default 20, at most 1000).");
        workflows.MapGet("/{workflow_id}", GetAsync)
            .WithName("GetWorkflow").WithSummary("A workflow with its phases, tasks, progress and estimate");
        workflows.MapPost("/{workflow_id}/phases", AddPhaseAsync).Accepts<PhaseBody>("application/json")
            .WithName("AddWorkflowPhase").WithSummary("Add a phase to a draft workflow");
        workflows.MapPost("/{workflow_id}/tasks", AddTaskAsync).Accepts<WorkflowTaskBody>("application/json")
            .WithName("AddWorkflowTask").WithSummary("Add a task to a phase that has not ended")
            .WithDescription("phase_id and the fields of POST /api/v1/tasks; depends_on may name tasks of the same workflow. In a running workflow the task runs as soon as its dependencies allow.");
        workflows.MapGet("/{workflow_id}/tasks", TasksAsync)
            .WithName("GetWorkflowTasks").WithSummary("A workflow's tasks, phase by phase");
        workflows.MapPost("/{workflow_id}/start", StartAsync)
            .WithName("StartWorkflow").WithSummary("Check a draft workflow's whole graph and start it");
        workflows.MapPost("/{workflow_id}/cancel", CancelAsync)
            .WithName("CancelWorkflow").WithSummary("Cancel everything in a workflow that has not finished");
        return routes;
    }

    private static async Task<Created<WorkflowCreatedView>> CreateAsync(
        HttpContext context, WorkflowService workflows, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.WorkflowBody, cancellationToken);
        var policy = ApiQuery.OneOf<FailurePolicy>(body.FailurePolicy, "failure_policy", FailurePolicies.AllNames, FailurePolicies.TryParse) ?? FailurePolicy.FailFast;
        // Checked before anything else, so that a refused URL is reported as the one problem.
        WebhookUrls.Check(webhooks, body.WebhookUrl);

        var workflow = await workflows.CreateAsync(new WorkflowSettings(body.Name ?? string.Empty, body.Description, policy, CreatedBy: ApiCaller.Name(context), BudgetUsd: body.BudgetUsd), cancellationToken);
        // A draft has no events until it starts, so subscribing right after creating it misses nothing.
        var secret = body.WebhookUrl is { } url ? (await webhooks.SubscribeWorkflowAsync(url, workflow.Id, ApiCaller.Name(context), cancellationToken)).NewSecret : null;
        var message = $"Workflow {workflow.Id} created (draft); add phases (POST /api/v1/workflows/{workflow.Id}/phases) and tasks "
            + $"(POST /api/v1/workflows/{workflow.Id}/tasks), then start it (POST /api/v1/workflows/{workflow.Id}/start)";
        return TypedResults.Created($"/api/v1/workflows/{workflow.Id}", new WorkflowCreatedView(workflow.Id, workflow.Status.ToWire(), message, secret));
    }

    private static async Task<Ok<WorkflowPageView>> ListAsync(
        WorkflowService workflows, [FromQuery] string? status, [FromQuery] string? limit, CancellationToken cancellationToken)
    {
        var state = ApiQuery.OneOf<WorkflowState>(status, "status", WorkflowStates.AllNames, WorkflowStates.TryParse);
        var found = await workflows.ListAsync(new WorkflowQuery(state, ApiQuery.Integer(limit, "limit", 1, MaxLimit) ?? 20), cancellationToken);
        return TypedResults.Ok(new WorkflowPageView([.. found.Select(WorkflowViews.Of)]));
    }

    private static async Task<Ok<WorkflowView>> GetAsync([FromRoute(Name = "workflow_id")] string workflowId, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(WorkflowViews.Of(await workflows.GetAsync(ApiIds.Workflow(workflowId), cancellationToken)));

    private static async Task<Created<PhaseView>> AddPhaseAsync(
        [FromRoute(Name = "workflow_id")] string workflowId, HttpContext context, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var id = await workflows.ResolveIdAsync(ApiIds.Workflow(workflowId), cancellationToken);
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.PhaseBody, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.PhaseId))
        {
            throw new ApiInputException("phase_id is required: the phase's id, unique in its workflow (e.g. design)", "phase_id", StatusCodes.Status422UnprocessableEntity);
        }

        if (body.DependsOn?.Any(d => d is null) == true)
        {
            throw new ApiInputException("depends_on must list phase ids, not null", "depends_on");
        }

        var phase = await workflows.AddPhaseAsync(id, body.PhaseId, body.Name, body.DependsOn ?? [], body.RequiresApproval ?? false, cancellationToken);
        return TypedResults.Created($"/api/v1/workflows/{id}", new PhaseView
        {
            PhaseId = phase.PhaseId,
            Name = phase.Name,
            DependsOn = phase.DependsOn,
            Status = phase.Status.ToWire(),
            RequiresApproval = phase.RequiresApproval,
            Percent = 0,
            Tasks = [],
        });
    }

    private static async Task<Created<EnqueuedView>> AddTaskAsync(
        [FromRoute(Name = "workflow_id")] string workflowId, HttpContext context, WorkflowService workflows, BatonSettings settings, CancellationToken cancellationToken)
    {
        var id = await workflows.ResolveIdAsync(ApiIds.Workflow(workflowId), cancellationToken);
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.WorkflowTaskBody, cancellationToken);
        if (string.IsNullOrWhiteSpace(body.PhaseId))
        {
            throw new ApiInputException("phase_id is required: the phase the task belongs to", "phase_id", StatusCodes.Status422UnprocessableEntity);
        }

        if (body.WebhookUrl is not null)
        {
            // Refused rather than ignored: a caller that sent it expects deliveries.
            throw new ApiInputException(
                "webhook_url is taken by POST /api/v1/tasks and POST /api/v1/workflows only: a workflow's tasks report through the workflow's webhook_url "
                + "(or 'baton webhook add URL --workflow ID'); leave it out", "webhook_url", StatusCodes.Status422UnprocessableEntity);
        }

        var definition = await TaskRequests.BuildAsync(body, context, settings, cancellationToken);
        var task = await workflows.AddTaskAsync(id, body.PhaseId, definition, TaskRequests.SearchPath, cancellationToken);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}",
            new EnqueuedView(task.Id, task.Status.ToWire(), true, $"Task {task.Id} added to phase '{body.PhaseId}' of workflow {id}"));
    }

    private static async Task<Ok<WorkflowTasksView>> TasksAsync([FromRoute(Name = "workflow_id")] string workflowId, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(TasksViewOf(await workflows.GetAsync(ApiIds.Workflow(workflowId), cancellationToken)));

    /// <summary>The body of GET /api/v1/workflows/{id}/tasks: the workflow's tasks in phase order, without attempts.</summary>
    public static WorkflowTasksView TasksViewOf(WorkflowDetails details)
    {
        var contents = details.Contents;
        var order = contents.Phases.ToDictionary(p => p.PhaseId, p => p.Position);
        var tasks = contents.Tasks
            .OrderBy(t => t.Definition.PhaseId is { } phase && order.TryGetValue(phase, out var position) ? position : int.MaxValue)
            .Select(t => Views.Of(t, contents.Attempts.GetValueOrDefault(t.Id) ?? []) with { Attempts = null })
            .ToList();
        return new WorkflowTasksView(contents.Workflow.Id, contents.Workflow.Status.ToWire(), tasks);
    }

    private static async Task<Ok<WorkflowView>> StartAsync([FromRoute(Name = "workflow_id")] string workflowId, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(WorkflowViews.Of(await workflows.StartAsync(ApiIds.Workflow(workflowId), cancellationToken)));

    private static async Task<Ok<WorkflowView>> CancelAsync([FromRoute(Name = "workflow_id")] string workflowId, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(WorkflowViews.Of(await workflows.CancelAsync(ApiIds.Workflow(workflowId), cancellationToken)));
}
