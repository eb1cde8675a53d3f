using Baton.Core.Storage;
using Baton.Core.Attempts;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Claiming: priority first, then first in; one attempt per claim, leased to the claiming worker.</summary>
public abstract class ClaimContract : StoreContract
{
    [Fact]
    public async Task ClaimNextAsync_EmptyQueue_ReturnsNull()
    {
        await using var store = await OpenAsync();

        Assert.Null(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil));
    }

    [Fact]
    public async Task ClaimNextAsync_MixedPriorities_HighestFirstThenFirstIn()
    {
        await using var store = await OpenAsync();
        var at = ContractTimes.Now.AddMinutes(-10);
        await store.QueueAsync("low", at, TaskPriority.Low);
        await store.QueueAsync("normal1", at.AddSeconds(1));
        await store.QueueAsync("high", at.AddSeconds(2), TaskPriority.High);
        await store.QueueAsync("normal2", at.AddSeconds(3));

        var order = new List<string>();
        while (await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil) is { } claim)
        {
            order.Add(claim.Task.Definition.Name);
        }

        Assert.Equal(["high", "normal1", "normal2", "low"], order);
    }

    [Fact]
    public async Task ClaimAsync_SeveralSlotsFree_ClaimsUpToTheLimitInQueueOrderThenTheRest()
    {
        await using var store = await OpenAsync();
        var at = ContractTimes.Now.AddMinutes(-10);
        await store.QueueAsync("low", at, TaskPriority.Low);
        await store.QueueAsync("normal1", at.AddSeconds(1));
        await store.QueueAsync("high", at.AddSeconds(2), TaskPriority.High);
        await store.QueueAsync("normal2", at.AddSeconds(3));

        var first = await store.Attempts.ClaimAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil, 3);
        var rest = await store.Attempts.ClaimAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil, 3);

        Assert.Equal(["high", "normal1", "normal2"], first.Select(c => c.Task.Definition.Name));
        Assert.Equal(["low"], rest.Select(c => c.Task.Definition.Name));
        Assert.All(first.Concat(rest), c => Assert.Equal(1, c.Attempt.Number));
        Assert.Empty(await store.Attempts.ClaimAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil, 3));
    }

    [Fact]
    public async Task ClaimNextAsync_Claimed_TaskRunningWithAttemptOneHeldByTheWorker()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("build", ContractTimes.Now);

        var claim = await store.ClaimAsync();

        Assert.Equal(new AttemptKey(id, 1), claim.Attempt);
        Assert.Equal(TaskState.Running, (await store.TaskAsync(id)).Status);
        var attempt = Assert.Single(await store.Tasks.GetAttemptsAsync(id));
        Assert.Equal((AttemptState.Running, ContractTimes.Worker), (attempt.Status, attempt.WorkerId));
    }

    [Fact]
    public async Task ClaimNextAsync_NotYetDue_NotClaimedAndReportedAsNextDue()
    {
        await using var store = await OpenAsync();
        var later = ContractTimes.Now.AddMinutes(5);
        await store.Tasks.EnqueueAsync("task_later", ContractTimes.Command("later") with { RunAt = later }, ContractTimes.Now);

        Assert.Null(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil));
        Assert.Equal(later, await store.Attempts.NextDueAtAsync([]));
        Assert.NotNull(await store.Attempts.ClaimNextAsync(ContractTimes.Worker, later, later.AddSeconds(30)));
    }

    [Fact]
    public async Task ClaimAsync_WorkerWithoutLabels_SkipsTasksThatRequireLabelsAndClaimsTheOnesBehind()
    {
        await using var store = await OpenAsync();
        var at = ContractTimes.Now.AddMinutes(-10);
        await store.Tasks.EnqueueAsync("task_gpu", ContractTimes.Command("gpu") with { RequiresLabels = ["gpu"] }, at);
        await store.QueueAsync("plain", at.AddSeconds(1));

        var claims = await store.Attempts.ClaimAsync(ContractTimes.Worker, [], ContractTimes.Now, ContractTimes.LeaseUntil, 5);

        Assert.Equal(["plain"], claims.Select(c => c.Task.Definition.Name));
        Assert.Equal(["gpu"], (await store.TaskAsync("task_gpu")).Definition.RequiresLabels);
        Assert.Equal(TaskState.Pending, (await store.TaskAsync("task_gpu")).Status);
    }

    [Fact]
    public async Task NextDueAtAsync_DueTaskOnlyOtherWorkersMayClaim_NotReportedToThisWorker()
    {
        await using var store = await OpenAsync();
        var at = ContractTimes.Now.AddMinutes(-10);
        var later = ContractTimes.Now.AddMinutes(5);
        await store.Tasks.EnqueueAsync("task_gpu", ContractTimes.Command("gpu") with { RequiresLabels = ["gpu"] }, at);
        await store.Tasks.EnqueueAsync("task_later", ContractTimes.Command("later") with { RunAt = later }, at);

        Assert.Equal(later, await store.Attempts.NextDueAtAsync([]));
        Assert.Equal(later, await store.Attempts.NextDueAtAsync(["cuda"]));
        Assert.Equal(at, await store.Attempts.NextDueAtAsync(["gpu", "repo"]));
    }

    [Fact]
    public async Task ClaimAsync_WorkerWithLabels_ClaimsOnlyTasksWhoseRequiredLabelsAreAllOffered()
    {
        await using var store = await OpenAsync();
        var at = ContractTimes.Now.AddMinutes(-10);
        await store.Tasks.EnqueueAsync("task_both", ContractTimes.Command("both") with { RequiresLabels = ["gpu", "repo=/srv/app"] }, at);
        await store.Tasks.EnqueueAsync("task_cuda", ContractTimes.Command("cuda") with { RequiresLabels = ["cuda", "gpu"] }, at.AddSeconds(1));
        await store.Tasks.EnqueueAsync("task_repo", ContractTimes.Command("repo") with { RequiresLabels = ["repo"] }, at.AddSeconds(2));
        await store.Tasks.EnqueueAsync("task_other", ContractTimes.Command("other") with { RequiresLabels = ["repo=/srv/other"] }, at.AddSeconds(3));
        await store.QueueAsync("plain", at.AddSeconds(4));

        var claims = await store.Attempts.ClaimAsync(ContractTimes.Worker, ["gpu", "repo", "repo=/srv/app"], ContractTimes.Now, ContractTimes.LeaseUntil, 10);

        Assert.Equal(["both", "repo", "plain"], claims.Select(c => c.Task.Definition.Name));
        Assert.Equal(["gpu", "repo=/srv/app"], claims[0].Task.Definition.RequiresLabels);
        Assert.Equal(["cuda", "other"], (await store.Attempts.ClaimAsync(ContractTimes.OtherWorker, ["cuda", "gpu", "repo", "repo=/srv/other"], ContractTimes.Now, ContractTimes.LeaseUntil, 10))
            .Select(c => c.Task.Definition.Name));
    }

    [Fact]
    public async Task ClaimNextAsync_TaskTakingUpAnotherTasksSession_CarriesThatTasksLatestSession()
    {
        await using var store = await OpenAsync();
        var sourceId = await store.QueueAsync("source", ContractTimes.Now.AddMinutes(-1));
        var source = await store.ClaimAsync();
        Assert.True(await store.Attempts.RecordProgressAsync(
            source.Attempt, ContractTimes.Worker, new Baton.Core.Runners.Agents.AgentProgress("session-1", null, 1, 0), ContractTimes.Now));
        await store.FinishAsync(source, completed: true, result: "done");
        await store.Tasks.EnqueueAsync("task_fork", ContractTimes.Command("fork") with
        {
            Session = new Baton.Core.Sessions.SessionSource(sourceId, Baton.Core.Sessions.SessionUse.Fork),
        }, ContractTimes.Now.AddSeconds(-2));
        await store.Tasks.EnqueueAsync("task_plain", ContractTimes.Command("plain"), ContractTimes.Now.AddSeconds(-1));

        var fork = await store.ClaimAsync();
        var plain = await store.ClaimAsync();

        Assert.Equal("task_fork", fork.Task.Id);
        Assert.Null(fork.Previous);
        Assert.Equal((AttemptState.Completed, "session-1"), (fork.SessionSource!.Status, fork.SessionSource.SessionId));
        Assert.Null(plain.SessionSource);
    }
}
