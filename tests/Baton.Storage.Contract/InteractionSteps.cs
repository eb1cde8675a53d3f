using Baton.Core.Attempts;
using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Steps the people-in-the-loop contracts share: what an agent asks, how a person answers, the events of a task.</summary>
public static class InteractionSteps
{
    /// <summary>A tool approval as a runner reads it from its CLI.</summary>
    public static InteractionAsk Approval(string command = "rm -rf build") => new()
    {
        Kind = InteractionKind.ToolApproval,
        Summary = $"Bash: {command}",
        ToolName = "Bash",
        Input = $$"""{"command":"{{command}}"}""",
    };

    /// <summary>A question with two options.</summary>
    public static InteractionAsk Question() => new()
    {
        Kind = InteractionKind.Question,
        Summary = "Which database?",
        Questions = [new InteractionQuestion("Which database?", "db", [new InteractionOption("SQLite"), new InteractionOption("PostgreSQL", "the server")])],
    };

    /// <summary>A person's approval.</summary>
    public static InteractionResponse Approve(string by = "alice", bool remember = false, string? message = null) =>
        new() { Decision = InteractionDecision.Approve, RespondedBy = by, Remember = remember, Message = message };

    /// <summary>Queues a task, claims it and opens <paramref name="ask"/> for its attempt (which must succeed).</summary>
    public static async Task<(Claim Claim, InteractionRecord Open)> AskAsync(this StoreUnderTest store, string name, InteractionAsk? ask = null, DateTimeOffset? at = null)
    {
        var id = await store.QueueAsync(name, ContractTimes.Now);
        var claim = await store.ClaimAsync();
        Assert.Equal(id, claim.Task.Id);
        var open = await store.OpenAsync(claim, ask ?? Approval(), at);
        Assert.NotNull(open);
        return (claim, open);
    }

    /// <summary>Opens <paramref name="ask"/> for the claimed attempt, as its worker.</summary>
    public static Task<InteractionRecord?> OpenAsync(this StoreUnderTest store, Claim claim, InteractionAsk ask, DateTimeOffset? at = null, string worker = ContractTimes.Worker) =>
        store.Interactions.OpenAsync(claim.Attempt, worker, ask, InteractionFingerprint.Of(ask), at ?? ContractTimes.Now.AddSeconds(1));

    /// <summary>The task's status now.</summary>
    public static async Task<TaskState> StatusAsync(this StoreUnderTest store, string taskId) => (await store.TaskAsync(taskId)).Status;

    /// <summary>The task's events, oldest first.</summary>
    public static Task<IReadOnlyList<EventRecord>> EventsOfAsync(this StoreUnderTest store, string taskId) =>
        store.Events.ReadAsync(new EventQuery(0, new EventFilter(TaskId: taskId)));

    /// <summary>The interaction, which must exist.</summary>
    public static async Task<InteractionRecord> InteractionAsync(this StoreUnderTest store, string id) =>
        await store.Interactions.GetAsync(id) ?? throw new InvalidOperationException($"no interaction {id}");

    /// <summary>Ends the claimed attempt the way the engine ends one: interrupted with the task moving to <paramref name="status"/>.</summary>
    public static Task<FinishOutcome> EndAsync(this StoreUnderTest store, Claim claim, AttemptState attempt, TaskState status, string? error = null) =>
        store.Attempts.FinishAsync(new AttemptFinish
        {
            Attempt = claim.Attempt,
            WorkerId = ContractTimes.Worker,
            AttemptStatus = attempt,
            TaskStatus = status,
            EndedAt = ContractTimes.Now.AddSeconds(5),
            Error = error,
        });
}
