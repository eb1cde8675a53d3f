using Baton.Core.Workflows;

namespace Baton.Core.Schedules;

/// <summary>
/// Parses and checks a schedule's workflow as <c>baton workflow run</c> does (the file, every task, the graph) and
/// builds it under <paramref name="workflowId"/>, running; throws <see cref="Errors.BatonException"/> naming the
/// problem. It runs when the schedule is added and again at every firing (an agent the file names may have gone).
/// </summary>
/// <param name="workflow">The stored file text and variables.</param>
/// <param name="workflowId">The id to create it under.</param>
/// <param name="createdBy">Who the workflow belongs to: the schedule's owner.</param>
/// <param name="cancellationToken">Stops waiting.</param>
public delegate Task<WorkflowBlueprint> ScheduleWorkflowFactory(ScheduleWorkflow workflow, string workflowId, string? createdBy, CancellationToken cancellationToken);
