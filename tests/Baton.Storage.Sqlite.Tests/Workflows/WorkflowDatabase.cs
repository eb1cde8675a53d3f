using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests.Workflows;

/// <summary>A real SQLite store with its workflow half as well, and the worker moves workflow tests make.</summary>
internal sealed class WorkflowDatabase : IAsyncDisposable
{
    private WorkflowDatabase(TestDatabase database)
    {
        Database = database;
        Workflows = new SqliteWorkflowStore(database.Options);
    }

    public TestDatabase Database { get; }

    public SqliteWorkflowStore Workflows { get; }

    public SqliteTaskStore Tasks => Database.Tasks;

    public SqliteAttemptStore Attempts => Database.Attempts;

    public static async Task<WorkflowDatabase> CreateAsync() => new(await TestDatabase.CreateAsync());

    /// <summary>Creates the workflow of <paramref name="blueprint"/> at <see cref="TestTasks.Now"/>.</summary>
    public Task<WorkflowRecord> CreateAsync(WorkflowBlueprint blueprint) => Workflows.CreateAsync(blueprint, TestTasks.Now);

    /// <summary>Claims the next claimable task, or null.</summary>
    public Task<Claim?> TryClaimAsync(DateTimeOffset? at = null)
    {
        var now = at ?? TestTasks.Now;
        return Attempts.ClaimNextAsync(TestTasks.Worker, now, now.AddMinutes(5));
    }

    /// <summary>Claims the next task, which must be <paramref name="taskId"/>.</summary>
    public async Task<Claim> ClaimAsync(string taskId, DateTimeOffset? at = null)
    {
        var claim = await TryClaimAsync(at);
        Assert.NotNull(claim);
        Assert.Equal(taskId, claim.Task.Id);
        return claim;
    }

    /// <summary>Claims until nothing is claimable; returns the ids claimed.</summary>
    public async Task<List<Claim>> ClaimAllAsync(DateTimeOffset? at = null)
    {
        var claims = new List<Claim>();
        while (await TryClaimAsync(at) is { } claim)
        {
            claims.Add(claim);
        }

        return claims;
    }

    /// <summary>Ends a claimed attempt for good with the task status given (completed, failed, timed out or cancelled).</summary>
    public async Task EndAsync(Claim claim, TaskState status, DateTimeOffset at, string? result = null, string? error = null)
    {
        var attempt = status switch
        {
            TaskState.Completed => AttemptState.Completed,
            TaskState.TimedOut => AttemptState.TimedOut,
            TaskState.Cancelled => AttemptState.Cancelled,
            _ => AttemptState.Failed,
        };
        var finish = StoreSteps.Finish(claim, attempt, status, endedAt: at, result: result,
            error: error ?? (status == TaskState.Completed ? null : "exit code 1"), countsAsFailure: status != TaskState.Completed);
        Assert.NotEqual(FinishOutcome.Rejected, await Attempts.FinishAsync(finish));
    }

    /// <summary>Claims <paramref name="taskId"/> and ends it.</summary>
    public async Task RunAsync(string taskId, TaskState status, DateTimeOffset at, string? result = null)
    {
        var claim = await ClaimAsync(taskId, at);
        await EndAsync(claim, status, at.AddSeconds(1), result);
    }

    public Task<TaskRecord> TaskAsync(string id) => Database.GetAsync(id);

    public async Task<WorkflowContents> ContentsAsync(string workflowId) =>
        await Workflows.GetContentsAsync(workflowId) ?? throw new InvalidOperationException($"workflow {workflowId} is missing");

    public async Task<WorkflowRecord> WorkflowAsync(string workflowId) => (await ContentsAsync(workflowId)).Workflow;

    public async Task<PhaseRecord> PhaseAsync(string workflowId, string phaseId) =>
        (await ContentsAsync(workflowId)).Phases.Single(p => p.PhaseId == phaseId);

    public async ValueTask DisposeAsync()
    {
        await Workflows.DisposeAsync();
        await Database.DisposeAsync();
    }
}
