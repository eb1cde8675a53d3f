using System.Collections.Concurrent;
using Baton.Core.Events;
using Baton.Core.Notifications;
using Baton.Core.Storage;
using Baton.Core.Workflows;
using Baton.Storage.Contract;
using Baton.Storage.Postgres.Tests.Contract;
using Baton.Testing.Postgres;

namespace Baton.Storage.Postgres.Tests;

/// <summary>Several nodes writing one database at the same moment: the store's locks keep every outcome single and ordered.</summary>
public sealed class PostgresConcurrencyTests
{
    [Fact]
    public async Task FinishAsync_ParallelTasksOfOneWorkflowEndOnTwoNodesAtOnce_NextPhaseReleasedOnce()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("advance"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        for (var round = 0; round < 5; round++)
        {
            var workflowId = $"wfpar{round:D7}";
            await first.Workflows.CreateAsync(ContractSteps.TwoPhases(workflowId, FailurePolicy.FailFast, "a", "b", "c", "d"), ContractTimes.Now);
            var onFirst = await first.Attempts.ClaimAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil, 2);
            var onSecond = await second.Attempts.ClaimAsync(ContractTimes.OtherWorker, ContractTimes.Now, ContractTimes.LeaseUntil, 2);

            var outcomes = await Task.WhenAll(
                onFirst.Select(c => Task.Run(() => first.Attempts.FinishAsync(ContractSteps.Completed(c, ContractTimes.Worker))))
                    .Concat(onSecond.Select(c => Task.Run(() => second.Attempts.FinishAsync(ContractSteps.Completed(c, ContractTimes.OtherWorker))))));

            Assert.All(outcomes, o => Assert.NotEqual(FinishOutcome.Rejected, o));
            var upload = await first.Attempts.ClaimAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil, 5);
            Assert.Equal([$"{workflowId}s0"], upload.Select(c => c.Task.Id));
            var events = await first.Events.ReadAsync(new EventQuery(0, new EventFilter(WorkflowId: workflowId), 1000));
            Assert.Single(events, e => e.Type == "phase.completed" && e.PhaseId == "build");
        }
    }

    [Fact]
    public async Task FinishAsync_TwoUpstreamTasksEndOnTwoNodesAtOnce_TheirDependentIsReleased()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("dependents"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        for (var round = 0; round < 5; round++)
        {
            await first.Tasks.EnqueueAsync($"up{round}a", ContractTimes.Command(), ContractTimes.Now);
            await first.Tasks.EnqueueAsync($"up{round}b", ContractTimes.Command(), ContractTimes.Now);
            await first.Tasks.EnqueueAsync($"down{round}", ContractTimes.Command() with { DependsOn = [$"up{round}a", $"up{round}b"] }, ContractTimes.Now);
            var a = await first.ClaimAsync(ContractTimes.Worker);
            var b = await second.ClaimAsync(ContractTimes.OtherWorker);

            await Task.WhenAll(
                Task.Run(() => first.Attempts.FinishAsync(ContractSteps.Completed(a, ContractTimes.Worker))),
                Task.Run(() => second.Attempts.FinishAsync(ContractSteps.Completed(b, ContractTimes.OtherWorker))));

            var down = Assert.Single(await first.Attempts.ClaimAsync(ContractTimes.Worker, ContractTimes.Now, ContractTimes.LeaseUntil, 5));
            Assert.Equal($"down{round}", down.Task.Id);
            await first.FinishAsync(down, completed: true);
        }
    }

    [Fact]
    public async Task EnqueueAsync_DependentQueuedWhileItsUpstreamEndsOnAnotherNode_IsReleased()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("queuedwhile"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        for (var round = 0; round < 10; round++)
        {
            await first.Tasks.EnqueueAsync($"up{round}", ContractTimes.Command(), ContractTimes.Now);
            var up = await second.ClaimAsync(ContractTimes.OtherWorker);

            await Task.WhenAll(
                Task.Run(() => second.Attempts.FinishAsync(ContractSteps.Completed(up, ContractTimes.OtherWorker))),
                Task.Run(() => first.Tasks.EnqueueAsync($"down{round}", ContractTimes.Command() with { DependsOn = [$"up{round}"] }, ContractTimes.Now)));

            var down = await first.TaskAsync($"down{round}");
            Assert.False(down.Blocked);
            var claim = await first.ClaimAsync(ContractTimes.Worker);
            Assert.Equal($"down{round}", claim.Task.Id);
            await first.FinishAsync(claim, completed: true);
        }
    }

    [Fact]
    public async Task TakeAsync_TwoNodesTakeAtOnce_EachNotificationReceivedAsNewOnce()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("take"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        for (var i = 0; i < 10; i++)
        {
            await first.Tasks.EnqueueAsync($"notify{i}", ContractTimes.Command() with { CreatedBy = "cli:dev" }, ContractTimes.Now);
            await first.FinishAsync(await first.ClaimAsync(), completed: true);
        }

        var query = new NotificationQuery(NotificationAudience.For("cli:dev", "dev"), null, UnreadOnly: true, Limit: 100, MarkDelivered: true);
        var taken = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).Notifications.TakeAsync(query, ContractTimes.Now))));

        var ids = taken.SelectMany(t => t).Select(n => n.Id).ToList();
        Assert.Equal(10, ids.Count);
        Assert.Equal(10, ids.Distinct().Count());
    }

    [Fact]
    public async Task EnqueueAsync_SameIdempotencyKeyOnTwoNodesAtOnce_OneTaskCreated()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("idempotent"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        var definition = ContractTimes.Command() with { IdempotencyKey = "deploy-42" };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).Tasks.EnqueueAsync($"task{i}", definition, ContractTimes.Now))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Task.Id).Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_FollowerWhileFourWritersOnTwoNodesCommit_SeesEveryEventOnceInOrder()
    {
        var cluster = await PostgresCluster.Shared;
        var location = cluster.ConnectionString(await cluster.CreateDatabaseAsync("follow"));
        await using var first = await PostgresStores.OpenAsync(location);
        await using var second = await PostgresStores.OpenAsync(location);
        var writers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var store = n % 2 == 0 ? first : second;
            for (var i = 0; i < 50; i++)
            {
                await store.Tasks.EnqueueAsync($"w{n}t{i}", ContractTimes.Command(), ContractTimes.Now);
            }
        })).ToList();

        // A follower that resumes after the last id it saw, as SSE and webhooks do.
        var seen = new List<long>();
        var done = Task.WhenAll(writers);
        while (true)
        {
            var finished = done.IsCompleted;
            var after = seen.Count == 0 ? 0 : seen[^1];
            seen.AddRange((await second.Events.ReadAsync(new EventQuery(after, new EventFilter(), 1000))).Select(e => e.Id));
            if (finished)
            {
                break;
            }
        }

        await done;
        var all = (await first.Events.ReadAsync(new EventQuery(0, new EventFilter(), 10_000))).Select(e => e.Id).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(all, seen);
    }
}
