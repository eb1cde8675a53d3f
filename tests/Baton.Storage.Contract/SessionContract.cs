using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Agent sessions: attempts grouped by the session id they recorded, found by task or agent, the latest activity first.</summary>
public abstract class SessionContract : StoreContract
{
    [Fact]
    public async Task FindSessionsAsync_SeveralSessions_LatestActivityFirstWithinTheLimit()
    {
        await using var store = await OpenAsync();
        await RunAsync(store, "task_design", "architect", "sess-a", ContractTimes.Now);
        await RunAsync(store, "task_build", "builder", "sess-b", ContractTimes.Now.AddMinutes(1));
        await RunAsync(store, "task_review", "architect", "sess-a", ContractTimes.Now.AddMinutes(2));
        await RunAsync(store, "task_plain", null, null, ContractTimes.Now.AddMinutes(3));

        Assert.Equal(["sess-a", "sess-b"], await store.Sessions.FindSessionsAsync(new SessionQuery()));
        Assert.Equal(["sess-a"], await store.Sessions.FindSessionsAsync(new SessionQuery(Limit: 1)));
        Assert.Equal(["sess-b"], await store.Sessions.FindSessionsAsync(new SessionQuery(Agent: "builder")));
        Assert.Equal(["sess-a"], await store.Sessions.FindSessionsAsync(new SessionQuery(TaskId: "task_design")));
        Assert.Empty(await store.Sessions.FindSessionsAsync(new SessionQuery(TaskId: "task_plain")));
        Assert.Empty(await store.Sessions.FindSessionsAsync(new SessionQuery(Agent: "nobody")));
    }

    [Fact]
    public async Task AttemptsInAsync_SessionUsedByTwoTasks_EveryAttemptOldestFirstWithItsTaskAndUsage()
    {
        await using var store = await OpenAsync();
        await RunAsync(store, "task_design", "architect", "sess-a", ContractTimes.Now);
        await RunAsync(store, "task_review", "architect", "sess-a", ContractTimes.Now.AddMinutes(2));
        await RunAsync(store, "task_build", "builder", "sess-b", ContractTimes.Now.AddMinutes(1));

        var attempts = await store.Sessions.AttemptsInAsync(["sess-a"]);

        Assert.Equal(["task_design", "task_review"], attempts.Select(a => a.Attempt.Key.TaskId));
        var first = attempts[0];
        Assert.Equal(("sess-a", "design", "command", "architect", "/srv/project", (string?)null), (first.SessionId, first.TaskName, first.Runner, first.AgentName, first.WorkingDirectory, first.WorktreeBranch));
        Assert.Equal(0.25m, first.Attempt.Details?.CostUsd);
        Assert.Equal(1000, first.Attempt.Details?.Models["sonnet"].InputTokens);
        Assert.Empty(await store.Sessions.AttemptsInAsync(["sess-none"]));
    }

    private static async Task RunAsync(StoreUnderTest store, string id, string? agent, string? sessionId, DateTimeOffset at)
    {
        await store.Tasks.EnqueueAsync(id, ContractTimes.Command(id["task_".Length..]) with { AgentName = agent }, at);
        var claim = await store.ClaimAsync(at: at);
        await store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = ContractTimes.Worker,
            AttemptStatus = AttemptState.Completed,
            TaskStatus = TaskState.Completed,
            EndedAt = at.AddSeconds(30),
            Result = "done",
            Details = sessionId is null ? null : new AgentRunDetails
            {
                SessionId = sessionId,
                CostUsd = 0.25m,
                Models = new Dictionary<string, ModelUsage> { ["sonnet"] = new(1000, 200, 0, 0, 0.25m) },
            },
        });
    }
}
