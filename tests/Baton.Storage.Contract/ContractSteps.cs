using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Storage.Contract;

/// <summary>The common moves of contract tests: queue, claim, finish, and a two-phase workflow to build.</summary>
public static class ContractSteps
{
    /// <summary>Claims the next due task, which must exist.</summary>
    public static async Task<Claim> ClaimAsync(this StoreUnderTest store, DateTimeOffset? now = null)
    {
        var at = now ?? ContractTimes.Now;
        return await store.Attempts.ClaimNextAsync(ContractTimes.Worker, at, at.AddSeconds(30)) ?? throw new InvalidOperationException("nothing to claim");
    }

    /// <summary>Ends the claimed attempt: completed with <paramref name="result"/>, or failed for good with <paramref name="error"/>.</summary>
    public static Task<FinishOutcome> FinishAsync(this StoreUnderTest store, Claim claim, bool completed, string? result = null, string? error = null) =>
        store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = ContractTimes.Worker,
            AttemptStatus = completed ? AttemptState.Completed : AttemptState.Failed,
            TaskStatus = completed ? TaskState.Completed : TaskState.Failed,
            EndedAt = ContractTimes.Now.AddSeconds(5),
            Result = result,
            Error = error,
            CountsAsFailure = !completed,
        });

    /// <summary>A running workflow: phase build (the given tasks) and phase ship (task upload) after it.</summary>
    public static WorkflowBlueprint TwoPhases(string workflowId, FailurePolicy policy, params string[] buildTasks)
    {
        var phases = new[]
        {
            new PhaseRecord { PhaseId = "build", Name = "Build", DependsOn = [], Position = 0, Status = WorkflowState.Draft },
            new PhaseRecord { PhaseId = "ship", Name = "Ship", DependsOn = ["build"], Position = 1, Status = WorkflowState.Draft },
        };
        var tasks = buildTasks.Select((name, i) => new BlueprintTask($"{workflowId}b{i}", ContractTimes.Command(name) with { PhaseId = "build", CreatedBy = "cli:dev" }))
            .Append(new BlueprintTask($"{workflowId}s0", ContractTimes.Command("upload") with { PhaseId = "ship", CreatedBy = "cli:dev" }));
        return new WorkflowBlueprint(
            new WorkflowRecord
            {
                Id = workflowId,
                Name = "release",
                Status = WorkflowState.Running,
                FailurePolicy = policy,
                UpstreamLimits = UpstreamLimits.Default,
                CreatedAt = ContractTimes.Now,
                UpdatedAt = ContractTimes.Now,
                StartedAt = ContractTimes.Now,
                CreatedBy = "cli:dev",
            },
            phases,
            [.. tasks]);
    }
}
