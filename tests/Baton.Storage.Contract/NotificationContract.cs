using Baton.Core.Notifications;

namespace Baton.Storage.Contract;

/// <summary>Notifications: the events meant for a person, worded by Core, kept for their owner, delivered once.</summary>
public abstract class NotificationContract : StoreContract
{
    private static readonly NotificationAudience Dev = NotificationAudience.For("cli:dev", "dev");

    [Fact]
    public async Task TakeAsync_TaskEndsAndMilestone_WordedForTheOwnerNewestFirst()
    {
        await using var store = await OpenAsync();
        await store.Tasks.EnqueueAsync("task_notify1", ContractTimes.Command("compile") with { CreatedBy = "cli:dev" }, ContractTimes.Now);
        await store.Tasks.EnqueueAsync("task_notify2", ContractTimes.Command("deploy") with { CreatedBy = "token:ci" }, ContractTimes.Now);

        await store.FinishAsync(await store.ClaimAsync(), completed: false, error: "exit code 2");
        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        await store.Events.AppendMilestoneAsync("task_notify1", null, "half way", ContractTimes.Now.AddSeconds(9));
        var taken = await store.Notifications.TakeAsync(new NotificationQuery(Dev, null, UnreadOnly: true, Limit: 10, MarkDelivered: false), ContractTimes.Now);
        var ci = await store.Notifications.TakeAsync(
            new NotificationQuery(NotificationAudience.For("token:ci", "dev"), null, UnreadOnly: true, Limit: 10, MarkDelivered: false), ContractTimes.Now);

        Assert.Equal(
            [("milestone", "half way"), ("task_failure", "Task \"compile\" (task_notify1) failed: exit code 2")],
            taken.Select(n => (n.Type, n.Message)));
        Assert.All(taken, n => Assert.Equal("cli:dev", n.Owner));
        Assert.Equal([("task_complete", "Task \"deploy\" (task_notify2) completed")], ci.Select(n => (n.Type, n.Message)));
    }

    [Fact]
    public async Task TakeAsync_WorkflowRuns_PhaseAndWorkflowWording()
    {
        await using var store = await OpenAsync();
        await store.Workflows.CreateAsync(ContractSteps.TwoPhases("wfnotify0001", Core.Workflows.FailurePolicy.FailFast, "compile"), ContractTimes.Now);

        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        await store.FinishAsync(await store.ClaimAsync(), completed: true);
        var taken = await store.Notifications.TakeAsync(new NotificationQuery(Dev, "wfnotify0001", UnreadOnly: true, Limit: 20, MarkDelivered: false), ContractTimes.Now);

        Assert.Equal(
            [
                "Workflow \"release\" (wfnotify0001) completed",
                "Phase \"Ship\" of workflow \"release\" completed",
                "Task \"upload\" (wfnotify0001s0) completed",
                "Phase \"Ship\" of workflow \"release\" started",
                "Phase \"Build\" of workflow \"release\" completed",
                "Task \"compile\" (wfnotify0001b0) completed",
                "Phase \"Build\" of workflow \"release\" started",
            ],
            taken.Select(n => n.Message));
    }

    [Fact]
    public async Task TakeAsync_TakenOnce_NotUnreadAgain()
    {
        await using var store = await OpenAsync();
        await store.Tasks.EnqueueAsync("task_notify1", ContractTimes.Command() with { CreatedBy = "cli:dev" }, ContractTimes.Now);
        await store.FinishAsync(await store.ClaimAsync(), completed: true);

        var first = await store.Notifications.TakeAsync(new NotificationQuery(Dev, null, UnreadOnly: true, Limit: 10, MarkDelivered: true), ContractTimes.Now);
        var second = await store.Notifications.TakeAsync(new NotificationQuery(Dev, null, UnreadOnly: true, Limit: 10, MarkDelivered: true), ContractTimes.Now);
        var all = await store.Notifications.TakeAsync(new NotificationQuery(Dev, null, UnreadOnly: false, Limit: 10, MarkDelivered: false), ContractTimes.Now);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Equal(ContractTimes.Now, Assert.Single(all).DeliveredAt);
    }
}
