using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Runners.Agents;
using Baton.Core.Tasks;
using Baton.Storage.Sqlite.Tests.Testing;
using Baton.Storage.Sqlite.Tests.Workflows;

namespace Baton.Storage.Sqlite.Tests.Events;

public sealed class SqliteEventStoreTests
{
    private static readonly DateTimeOffset T0 = TestTasks.Now;

    [Fact]
    public async Task Outbox_TaskRunsToCompletion_LogHoldsCreatedStartedCompletedInOrder()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        var claim = await db.AddAndClaimAsync();
        await db.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed, result: "ok"));

        var log = await events.ReadAsync(new EventQuery(0, EventFilter.All));

        Assert.Equal(["task.created", "task.started", "task.completed"], log.Select(e => e.Type));
        Assert.All(log, e => Assert.Equal(claim.Task.Id, e.TaskId));
        Assert.Equal((1, "running", "pending"), (log[1].Attempt!.Value, log[1].Status, log[1].OldStatus));
        Assert.Equal(("completed", "running", T0.AddSeconds(5)), (log[2].Status, log[2].OldStatus, log[2].At));
        Assert.True(log[0].Id < log[1].Id && log[1].Id < log[2].Id);
    }

    [Fact]
    public async Task Outbox_FailedAttemptWithRetriesLeft_RetryingEventCarriesTheError()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        var claim = await db.AddAndClaimAsync();
        await db.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Failed, TaskState.Retrying, error: "exit code 2", dueAt: T0.AddMinutes(1), countsAsFailure: true));

        var last = (await events.ReadAsync(new EventQuery(0, EventFilter.All)))[^1];

        Assert.Equal(("task.retrying", "retrying", "exit code 2"), (last.Type, last.Status, last.Message));
    }

    [Fact]
    public async Task Outbox_ProgressStepChanges_OneEventPerNewStep()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        var claim = await db.AddAndClaimAsync();

        await db.Attempts.RecordProgressAsync(claim.Attempt, TestTasks.Worker, new AgentProgress(null, "Read a.cs", 1, 0), TestTasks.Now);
        await db.Attempts.RecordProgressAsync(claim.Attempt, TestTasks.Worker, new AgentProgress(null, "Read a.cs", 2, 0), TestTasks.Now);
        await db.Attempts.RecordProgressAsync(claim.Attempt, TestTasks.Worker, new AgentProgress(null, "Edit a.cs", 3, 0), TestTasks.Now);

        var progress = await events.ReadAsync(new EventQuery(0, new EventFilter(Types: ["task.progress"])));
        Assert.Equal(["Read a.cs", "Edit a.cs"], progress.Select(e => e.Message));
    }

    [Fact]
    public async Task ReadAsync_FiltersAndAfterId_ReturnOnlyLaterMatchingEvents()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        var first = await db.AddAsync();
        var second = await db.AddAsync();
        var all = await events.ReadAsync(new EventQuery(0, EventFilter.All));

        var byTask = await events.ReadAsync(new EventQuery(0, new EventFilter(TaskId: second)));
        var after = await events.ReadAsync(new EventQuery(all[0].Id, EventFilter.All));
        var family = await events.ReadAsync(new EventQuery(0, new EventFilter(Types: ["workflow.*"])));

        Assert.Equal([second], byTask.Select(e => e.TaskId));
        Assert.Equal([second], after.Select(e => e.TaskId));
        Assert.Empty(family);
        Assert.Equal(first, all[0].TaskId);
        Assert.Equal(all[^1].Id, await events.LatestIdAsync());
    }

    [Fact]
    public async Task Outbox_WorkflowRuns_PhaseAndWorkflowEventsAndNotificationsForTheOwner()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Database.Options);
        var wf = new TestWorkflow().Phase("design").Phase("build", "design").Task("design", "sketch").Task("build", "compile");
        await db.CreateAsync(wf.Blueprint());
        await db.RunAsync(wf["sketch"], TaskState.Completed, T0.AddMinutes(1));
        await db.RunAsync(wf["compile"], TaskState.Completed, T0.AddMinutes(2));

        var flow = await events.ReadAsync(new EventQuery(0, new EventFilter(Types: ["phase.*", "workflow.*"])));
        var notifications = await db.Database.ScalarAsync("SELECT group_concat(notify, ' ') FROM (SELECT notify FROM events WHERE notify IS NOT NULL ORDER BY id)");

        Assert.Equal(
            ["workflow.started", "phase.started", "phase.completed", "phase.started", "phase.completed", "workflow.completed"],
            flow.Select(e => e.Type));
        Assert.Equal(["design", "design", "build", "build"], flow.Where(e => e.PhaseId is not null).Select(e => e.PhaseId));
        Assert.Equal("phase_start task_complete phase_complete phase_start task_complete phase_complete update", notifications);
    }

    [Fact]
    public async Task AppendMilestoneAsync_TaskOfAWorkflow_BelongsToTheWorkflowToo()
    {
        await using var db = await WorkflowDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Database.Options);
        var wf = new TestWorkflow().Phase("design").Task("design", "sketch");
        await db.CreateAsync(wf.Blueprint());

        var milestone = await events.AppendMilestoneAsync(wf["sketch"], null, "schema agreed", T0.AddMinutes(1));
        var missing = await events.AppendMilestoneAsync("t_missing", null, "never", T0);

        Assert.NotNull(milestone);
        Assert.Equal(("milestone", wf.Id, "design", "schema agreed"), (milestone.Type, milestone.WorkflowId, milestone.PhaseId, milestone.Message));
        Assert.Null(missing);
        Assert.Equal("schema agreed", await db.Database.ScalarAsync("SELECT message FROM events WHERE notify = 'milestone'"));
    }

    [Fact]
    public async Task PruneAsync_OldEvents_GoWithTheirNotificationsAndNewOnesStay()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        var old = await db.AddAndClaimAsync();
        await db.Attempts.FinishAsync(StoreSteps.Finish(old, AttemptState.Completed, TaskState.Completed));
        var recent = await db.AddAsync(now: T0.AddDays(40));

        var first = await events.PruneAsync(T0.AddDays(30), batch: 2);
        var second = await events.PruneAsync(T0.AddDays(30), batch: 2);
        var third = await events.PruneAsync(T0.AddDays(30), batch: 2);

        Assert.Equal((2, 1, 0), (first, second, third));
        Assert.Equal([recent], (await events.ReadAsync(new EventQuery(0, EventFilter.All))).Select(e => e.TaskId));
        Assert.Equal(0L, await db.ScalarAsync("SELECT count(*) FROM events WHERE notify IS NOT NULL"));
    }

    [Fact]
    public async Task PruneAsync_EveryEventOld_NewestStaysSoIdsAreNeverGivenOutAgain()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);
        await db.AddAsync();
        await db.AddAsync();
        var newest = await events.LatestIdAsync();

        while (await events.PruneAsync(T0.AddDays(30), batch: 10) > 0)
        {
        }

        await db.AddAsync(now: T0.AddDays(31));

        Assert.Equal([newest, newest + 1], (await events.ReadAsync(new EventQuery(0, EventFilter.All))).Select(e => e.Id));
    }

    [Fact]
    public async Task Outbox_SubscriptionAddedByAnotherProcessAfterEventsWereRouted_HeardFromTheNextTransaction()
    {
        await using var db = await TestDatabase.CreateAsync();
        var claim = await db.AddAndClaimAsync(); // The writer has routed events, and so read the (empty) subscriptions.
        await using (var connection = db.OpenRawConnection())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText =
                """
                INSERT INTO webhook_endpoints (id, url, secret, created_at) VALUES ('we_1', 'http://127.0.0.1:1/hook', 'whsec_x', 0);
                INSERT INTO webhook_subscriptions (id, endpoint_id, events, created_at) VALUES ('ws_1', 'we_1', ',task.completed,', 0);
                UPDATE webhook_routing SET version = 42;
                """;
            await command.ExecuteNonQueryAsync();
        }

        await db.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed));

        Assert.Equal("task.completed", await db.ScalarAsync("SELECT e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id"));
    }

    [Fact]
    public async Task Outbox_StandingSubscription_QueuesOneDeliveryPerMatchingEventWithAStableId()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var connection = db.OpenRawConnection())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText =
                """
                INSERT INTO webhook_endpoints (id, url, secret, created_at) VALUES ('we_1', 'http://127.0.0.1:1/hook', 'whsec_x', 0);
                INSERT INTO webhook_subscriptions (id, endpoint_id, events, created_at) VALUES ('ws_1', 'we_1', ',task.completed,', 0);
                UPDATE webhook_routing SET version = version + 1;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var claim = await db.AddAndClaimAsync();
        await db.Attempts.FinishAsync(StoreSteps.Finish(claim, AttemptState.Completed, TaskState.Completed));

        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM webhook_deliveries"));
        Assert.Equal("task.completed", await db.ScalarAsync("SELECT e.type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id"));
        Assert.Matches("^msg_[0-9a-f]{24}$", (string)(await db.ScalarAsync("SELECT id FROM webhook_deliveries"))!);
    }

    [Fact]
    public async Task Changes_WriteInThisProcess_Fires()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var events = new SqliteEventStore(db.Options);

        var waiting = events.Changes.Next();
        await db.AddAsync();

        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(30))));
    }
}
