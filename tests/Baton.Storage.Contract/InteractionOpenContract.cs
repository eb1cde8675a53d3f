using Baton.Core.Events;
using Baton.Core.Interactions;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Interactions opened by a running attempt: stored before the task shows it needs input, read back whole, listed.</summary>
public abstract class InteractionOpenContract : StoreContract
{
    [Fact]
    public async Task OpenAsync_RunningAttempt_StoredBeforeTaskShowsInputRequiredWithEvent()
    {
        await using var store = await OpenAsync();

        var (claim, open) = await store.AskAsync("ask");

        Assert.StartsWith(InteractionIds.Prefix, open.Id, StringComparison.Ordinal);
        Assert.True(InteractionIds.LooksLikeId(open.Id));
        Assert.Equal(InteractionStatus.Open, open.Status);
        Assert.Equal(claim.Attempt.Number, open.AttemptNumber);
        Assert.Equal(TaskState.InputRequired, await store.StatusAsync(claim.Task.Id));
        var stored = await store.InteractionAsync(open.Id);
        Assert.Equal("Bash: rm -rf build", stored.Ask.Summary);
        Assert.Equal("""{"command":"rm -rf build"}""", stored.Ask.Input);
        Assert.Equal(InteractionFingerprint.Of(InteractionSteps.Approval()), stored.Fingerprint);
        Assert.Equal(ContractTimes.Now.AddSeconds(1), stored.CreatedAt);
        var raised = (await store.EventsOfAsync(claim.Task.Id))[^1];
        Assert.Equal(EventTypes.TaskInputRequired, raised.Type);
        Assert.Equal(("input_required", "running"), (raised.Status, raised.OldStatus));
        Assert.Equal("Bash: rm -rf build", raised.Message);
        Assert.Contains($"\"interaction_id\":\"{open.Id}\"", raised.Data, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"tool_approval\"", raised.Data, StringComparison.Ordinal);
        Assert.Contains("\"reminder\":false", raised.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_QuestionWithOptions_ReadBackWhole()
    {
        await using var store = await OpenAsync();

        var (_, open) = await store.AskAsync("ask", InteractionSteps.Question());

        var question = Assert.Single((await store.InteractionAsync(open.Id)).Ask.Questions);
        Assert.Equal(InteractionKind.Question, open.Ask.Kind);
        Assert.Equal(["SQLite", "PostgreSQL"], question.Options.Select(o => o.Label));
        Assert.Equal("the server", question.Options[1].Description);
    }

    [Fact]
    public async Task OpenAsync_AttemptHeldByAnotherWorker_NullAndNothingWritten()
    {
        await using var store = await OpenAsync();
        var id = await store.QueueAsync("ask", ContractTimes.Now);
        var claim = await store.ClaimAsync();

        var open = await store.OpenAsync(claim, InteractionSteps.Approval(), worker: ContractTimes.OtherWorker);

        Assert.Null(open);
        Assert.Equal(TaskState.Running, await store.StatusAsync(id));
        Assert.Empty(await store.Interactions.ListAsync(new InteractionQuery(Status: null)));
    }

    [Fact]
    public async Task ListAsync_Filters_OpenOldestFirstByTaskAndLimit()
    {
        await using var store = await OpenAsync();
        var (first, a) = await store.AskAsync("first", at: ContractTimes.Now.AddSeconds(1));
        var (second, b) = await store.AskAsync("second", at: ContractTimes.Now.AddSeconds(2));
        var c = await store.OpenAsync(first, InteractionSteps.Question(), ContractTimes.Now.AddSeconds(3));
        await store.Interactions.RespondAsync(a.Id, InteractionSteps.Approve(), ContractTimes.Now.AddSeconds(4));

        var open = await store.Interactions.ListAsync(new InteractionQuery());
        var all = await store.Interactions.ListAsync(new InteractionQuery(Status: null));
        var ofFirst = await store.Interactions.ListAsync(new InteractionQuery(Status: null, TaskId: first.Task.Id));
        var limited = await store.Interactions.ListAsync(new InteractionQuery(Status: null, Limit: 1));
        var answered = await store.Interactions.ListAsync(new InteractionQuery(Status: InteractionStatus.Answered));

        Assert.Equal([b.Id, c!.Id], open.Select(i => i.Id));
        Assert.Equal([a.Id, b.Id, c.Id], all.Select(i => i.Id));
        Assert.Equal([a.Id, c.Id], ofFirst.Select(i => i.Id));
        Assert.Equal([a.Id], limited.Select(i => i.Id));
        Assert.Equal([a.Id], answered.Select(i => i.Id));
        Assert.Equal(second.Task.Id, b.TaskId);
    }
}
