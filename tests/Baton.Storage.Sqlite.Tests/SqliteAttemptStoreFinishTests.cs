using Baton.Core.Notifications;
using Baton.Core.Storage;
using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;

namespace Baton.Storage.Sqlite.Tests;

public sealed class SqliteAttemptStoreFinishTests
{
    [Fact]
    public async Task FinishAsync_Completed_RecordsResultOnTaskAndAttempt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var finish = StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "42\n") with { ExitCode = 0, LogPath = "/logs/1.log" };

        Assert.NotEqual(FinishOutcome.Rejected, await database.Attempts.FinishAsync(finish));

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal(TaskState.Completed, task.Status);
        Assert.Equal("42\n", task.Result);
        Assert.Null(task.Error);
        Assert.Equal(finish.EndedAt, task.CompletedAt);
        Assert.Equal(0, task.FailureCount);
        var attempt = Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id));
        Assert.Equal((AttemptState.Completed, 0, "/logs/1.log"), (attempt.Status, attempt.ExitCode, attempt.LogPath));
        Assert.Equal(finish.EndedAt, attempt.EndedAt);
        Assert.Null(attempt.LeaseExpiresAt);
    }

    [Fact]
    public async Task FinishAsync_CompletedWithRefusedToolCalls_KeepsThemOnTheTaskAndTheNoticeInItsEventAndNotification()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var finish = StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "done") with
        {
            PermissionDenials = [new("Bash", "{\"command\":\"echo hi > out.txt\"}")],
            Notice = "1 tool call refused: Bash `echo hi > out.txt`",
        };

        await database.Attempts.FinishAsync(finish);

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal("Bash", Assert.Single(task.PermissionDenials).ToolName);
        Assert.Equal("1 tool call refused: Bash `echo hi > out.txt`", task.Notice);
        Assert.Equal(finish.Notice, await database.ScalarAsync($"SELECT message FROM events WHERE type = 'task.completed' AND task_id = '{claim.Task.Id}'"));
        Assert.EndsWith(") completed: 1 tool call refused: Bash `echo hi > out.txt`", (await new SqliteNotificationStore(database.Options).TakeAsync(new NotificationQuery(new NotificationAudience([], IncludeUnowned: true), null, false, 10, false), TestTasks.Now)).Single(n => n.TaskId == claim.Task.Id && n.Type == "task_complete").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimNextAsync_TaskRetriedAfterRefusals_ClearsTheLastAttemptsDenials()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Failed, TaskState.Retrying, error: "no", countsAsFailure: true, dueAt: TestTasks.Now) with
        {
            PermissionDenials = [new("Bash", "{}")],
        });
        Assert.NotEmpty((await database.GetAsync(claim.Task.Id)).PermissionDenials);

        var again = await database.Attempts.ClaimNextAsync("w", TestTasks.Now.AddSeconds(1), TestTasks.Now.AddSeconds(31));

        Assert.Equal(claim.Task.Id, again!.Task.Id);
        Assert.Empty((await database.GetAsync(claim.Task.Id)).PermissionDenials);
    }

    [Fact]
    public async Task FinishAsync_Failed_CountsFailureAndKeepsError()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();

        await database.Attempts.FinishAsync(StoreSteps.Finish(
            claim, AttemptState.Failed, TaskState.Failed, error: "exit code 2", countsAsFailure: true) with { ExitCode = 2 });

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Failed, 1, "exit code 2"), (task.Status, task.FailureCount, task.Error));
        Assert.NotNull(task.CompletedAt);
        Assert.Equal(2, Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id)).ExitCode);
    }

    [Fact]
    public async Task FinishAsync_Interrupted_BackInQueueWithoutCountingAFailure()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var dueAt = TestTasks.Now.AddSeconds(5);

        await database.Attempts.FinishAsync(StoreSteps.Finish(
            claim, AttemptState.Interrupted, TaskState.Pending, error: "interrupted: the daemon shut down", dueAt: dueAt));

        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Pending, 0, dueAt), (task.Status, task.FailureCount, task.DueAt));
        Assert.Null(task.CompletedAt);
    }

    [Fact]
    public async Task FinishAsync_WrongWorker_RejectedAndTaskUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();

        var accepted = await database.Attempts.FinishAsync(StoreSteps.Finish(
            claim, AttemptState.Completed, TaskState.Completed, worker: TestTasks.OtherWorker, result: "stolen"));

        Assert.Equal(FinishOutcome.Rejected, accepted);
        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal(TaskState.Running, task.Status);
        Assert.Null(task.Result);
        Assert.Equal(AttemptState.Running, Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id)).Status);
    }

    [Fact]
    public async Task FinishAsync_AfterRescue_RejectedAndTaskUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        Assert.True(await database.Attempts.RescueAsync(StoreSteps.Rescue(claim)));
        var rescued = await database.GetAsync(claim.Task.Id);

        var accepted = await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "late"));

        Assert.Equal(FinishOutcome.Rejected, accepted);
        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Pending, rescued.UpdatedAt, (string?)null), (task.Status, task.UpdatedAt, task.Result));
        Assert.Equal(AttemptState.Interrupted, Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id)).Status);
    }

    [Fact]
    public async Task FinishAsync_SameAttemptTwice_SecondRejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        Assert.NotEqual(FinishOutcome.Rejected, await database.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "first")));

        var again = await database.Attempts.FinishAsync(StoreSteps.Finish(
            claim, AttemptState.Failed, TaskState.Failed, error: "second", countsAsFailure: true));

        Assert.Equal(FinishOutcome.Rejected, again);
        var task = await database.GetAsync(claim.Task.Id);
        Assert.Equal((TaskState.Completed, "first", (string?)null, 0), (task.Status, task.Result, task.Error, task.FailureCount));
    }

    [Fact]
    public async Task FinishAsync_StaleAttemptAfterRescueAndReclaim_TaskCompletesOnlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var stale = await database.AddAndClaimAsync(TestTasks.Worker);
        await database.Attempts.RescueAsync(StoreSteps.Rescue(stale));
        var current = await database.ClaimAsync(TestTasks.OtherWorker, TestTasks.Now.AddMinutes(2));
        Assert.Equal(2, current.Attempt.Number);

        Assert.NotEqual(FinishOutcome.Rejected, await database.Attempts.FinishAsync(StoreSteps.Finish(
            current, AttemptState.Completed, TaskState.Completed, worker: TestTasks.OtherWorker, result: "current")));
        Assert.Equal(FinishOutcome.Rejected, await database.Attempts.FinishAsync(StoreSteps.Finish(stale, AttemptState.Completed, TaskState.Completed, result: "stale")));

        var attempts = await database.Tasks.GetAttemptsAsync(stale.Task.Id);
        Assert.Equal([AttemptState.Interrupted, AttemptState.Completed], attempts.Select(a => a.Status));
        Assert.Single(attempts, a => a.Status == AttemptState.Completed);
        Assert.Equal("current", (await database.GetAsync(stale.Task.Id)).Result);
    }

    [Fact]
    public async Task FinishAsync_UnknownAttempt_Rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var unknown = claim with { Attempt = claim.Attempt with { Number = 7 } };

        Assert.Equal(FinishOutcome.Rejected, await database.Attempts.FinishAsync(StoreSteps.Finish(unknown, AttemptState.Completed, TaskState.Completed)));
        Assert.Equal(TaskState.Running, (await database.GetAsync(claim.Task.Id)).Status);
    }

    [Fact]
    public async Task RecordProcessAsync_RunningAttempt_StoresProcessAndLogPath()
    {
        await using var database = await TestDatabase.CreateAsync();
        var claim = await database.AddAndClaimAsync();
        var process = new ProcessIdentity(4242, 123456789, "boot-1");

        await database.Attempts.RecordProcessAsync(claim.Attempt, TestTasks.Worker, process, "/logs/1.log");

        var attempt = Assert.Single(await database.Tasks.GetAttemptsAsync(claim.Task.Id));
        Assert.Equal(process, attempt.Process);
        Assert.Equal("/logs/1.log", attempt.LogPath);
        var running = Assert.Single(await database.Attempts.FindOtherRunningAttemptsAsync(TestTasks.OtherWorker));
        Assert.Equal(process, running.Process);
    }
}
