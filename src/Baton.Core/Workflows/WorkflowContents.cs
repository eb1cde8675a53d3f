using Baton.Core.Attempts;
using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>Everything shown about a workflow: itself, its phases, and its tasks with their attempts.</summary>
public sealed record WorkflowContents(
    WorkflowRecord Workflow,
    IReadOnlyList<PhaseRecord> Phases,
    IReadOnlyList<TaskRecord> Tasks,
    IReadOnlyDictionary<string, IReadOnlyList<AttemptRecord>> Attempts);

/// <summary>A workflow in a list, with how far its tasks got.</summary>
public sealed record WorkflowSummary(WorkflowRecord Workflow, int PhaseCount, int TaskCount, int FinishedCount, int CompletedCount, int RunningCount);

/// <summary>Filters for listing workflows.</summary>
public sealed record WorkflowQuery(WorkflowState? Status = null, int Limit = 20);
