using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Storage.Contract;

/// <summary>Steps the contracts share, through the ports only: queue, claim, finish, rescue, and a two-phase workflow to build.</summary>
public static class ContractSteps
{
    /// <summary>Queues a command task named <paramref name="name"/> (id <c>task_NAME</c>) at <paramref name="at"/>.</summary>
    public static async Task<string> QueueAsync(this StoreUnderTest store, string name, DateTimeOffset at, TaskPriority priority = TaskPriority.Normal)
    {
        var id = $"task_{name}";
        await store.Tasks.EnqueueAsync(id, ContractTimes.Command(name, priority), at);
        return id;
    }

    /// <summary>Claims the next task as <paramref name="worker"/> at <paramref name="at"/> (default <see cref="ContractTimes.Now"/>); it must exist.</summary>
    public static async Task<Claim> ClaimAsync(this StoreUnderTest store, string worker = ContractTimes.Worker, DateTimeOffset? at = null)
    {
        var now = at ?? ContractTimes.Now;
        var claim = await store.Attempts.ClaimNextAsync(worker, now, now.AddSeconds(30));
        Assert.NotNull(claim);
        return claim;
    }

    /// <summary>A successful end of <paramref name="claim"/> reported by <paramref name="worker"/>.</summary>
    public static AttemptFinish Completed(Claim claim, string worker = ContractTimes.Worker) => new()
    {
        Attempt = claim.Attempt,
        WorkerId = worker,
        AttemptStatus = AttemptState.Completed,
        EndedAt = ContractTimes.Now.AddSeconds(5),
        ExitCode = 0,
        TaskStatus = TaskState.Completed,
        Result = "done",
    };

    /// <summary>When <see cref="Rescue"/> happens (the lease has run out), and so when the task is due again.</summary>
    public static DateTimeOffset RescuedAt => ContractTimes.LeaseUntil.AddSeconds(1);

    /// <summary>A rescue of <paramref name="claim"/> (held by <paramref name="worker"/>) that puts its task back in the queue.</summary>
    public static AttemptRescue Rescue(Claim claim, string worker = ContractTimes.Worker) => new()
    {
        Attempt = claim.Attempt,
        WorkerId = worker,
        Now = RescuedAt,
        Reason = "interrupted: its worker stopped without finishing it",
        TaskStatus = TaskState.Pending,
    };

    /// <summary>The task, which must exist.</summary>
    public static async Task<TaskRecord> TaskAsync(this StoreUnderTest store, string id) =>
        await store.Tasks.GetTaskAsync(id) ?? throw new InvalidOperationException($"no task {id}");

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
