using Baton.Core.Attempts;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Sqlite.Tests.Testing;

/// <summary>The common moves of a task through the store, so that each test states only what it is about.</summary>
internal static class StoreSteps
{
    /// <summary>Queues a task and returns its id.</summary>
    public static async Task<string> AddAsync(this TestDatabase database, TaskDefinition? definition = null, DateTimeOffset? now = null)
    {
        var result = await database.Tasks.EnqueueAsync(TaskIds.New(), definition ?? TestTasks.Definition(), now ?? TestTasks.Now);
        return result.Task.Id;
    }

    /// <summary>Claims the next due task, which must exist.</summary>
    public static async Task<Claim> ClaimAsync(this TestDatabase database, string worker = TestTasks.Worker, DateTimeOffset? now = null)
    {
        var at = now ?? TestTasks.Now;
        var claim = await database.Attempts.ClaimNextAsync(worker, at, at.AddSeconds(30));
        Assert.NotNull(claim);
        return claim;
    }

    /// <summary>Queues a task and claims it.</summary>
    public static async Task<Claim> AddAndClaimAsync(this TestDatabase database, string worker = TestTasks.Worker)
    {
        var id = await database.AddAsync();
        var claim = await database.ClaimAsync(worker);
        Assert.Equal(id, claim.Task.Id);
        return claim;
    }

    /// <summary>Reads a task that must exist.</summary>
    public static async Task<TaskRecord> GetAsync(this TestDatabase database, string id) =>
        await database.Tasks.GetTaskAsync(id) ?? throw new InvalidOperationException($"task {id} is missing");

    /// <summary>An end of <paramref name="claim"/>'s attempt by <paramref name="worker"/>.</summary>
    public static AttemptFinish Finish(
        Claim claim,
        AttemptState attemptStatus,
        TaskState taskStatus,
        string worker = TestTasks.Worker,
        DateTimeOffset? endedAt = null,
        string? result = null,
        string? error = null,
        DateTimeOffset? dueAt = null,
        bool countsAsFailure = false) => new()
        {
            Attempt = claim.Attempt,
            WorkerId = worker,
            AttemptStatus = attemptStatus,
            TaskStatus = taskStatus,
            EndedAt = endedAt ?? TestTasks.Now.AddSeconds(5),
            Result = result,
            Error = error,
            DueAt = dueAt,
            CountsAsFailure = countsAsFailure,
        };

    /// <summary>A rescue of <paramref name="claim"/>'s attempt, held by <paramref name="worker"/>.</summary>
    public static AttemptRescue Rescue(Claim claim, TaskState taskStatus = TaskState.Pending, string worker = TestTasks.Worker, string? error = null) => new()
    {
        Attempt = claim.Attempt,
        WorkerId = worker,
        Now = TestTasks.Now.AddMinutes(1),
        Reason = "interrupted: its worker stopped without finishing it",
        TaskStatus = taskStatus,
        TaskError = error,
    };
}
