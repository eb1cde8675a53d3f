using Baton.Core.Storage;
using Baton.Core.Workflows;

namespace Baton.Bench.Infrastructure;

/// <summary>Checks, outside the timed part, that a measured workflow really completed.</summary>
internal static class WorkflowChecks
{
    public static async Task RequireCompletedAsync(IWorkflowStore store, string workflowId, CancellationToken cancellationToken = default)
    {
        var workflow = (await store.GetSnapshotAsync(workflowId, cancellationToken))?.Workflow;
        if (workflow?.Status != WorkflowState.Completed)
        {
            throw new InvalidOperationException($"workflow {workflowId} is {workflow?.Status.ToWire() ?? "missing"}, not completed: {workflow?.Error}");
        }
    }
}
