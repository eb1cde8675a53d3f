using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Storage.Contract;

/// <summary>Queuing and reading tasks.</summary>
public abstract class TaskStoreContract : StoreContract
{
    [Fact]
    public async Task EnqueueAsync_NewTask_ReadBackPending()
    {
        await using var store = await OpenAsync();

        var queued = await store.Tasks.EnqueueAsync("task_contract1", ContractTimes.Command("lint"), ContractTimes.Now);
        var read = await store.Tasks.GetTaskAsync("task_contract1");

        Assert.True(queued.Created);
        Assert.NotNull(read);
        Assert.Equal(TaskState.Pending, read.Status);
        Assert.Equal("lint", read.Definition.Name);
        Assert.Equal(ContractTimes.Now, read.CreatedAt);
    }

    [Fact]
    public async Task EnqueueAsync_SameIdempotencyKey_ReturnsFirstTask()
    {
        await using var store = await OpenAsync();
        var definition = ContractTimes.Command() with { IdempotencyKey = "deploy-42" };

        var first = await store.Tasks.EnqueueAsync("task_contract1", definition, ContractTimes.Now);
        var second = await store.Tasks.EnqueueAsync("task_contract2", definition, ContractTimes.Now.AddSeconds(1));

        Assert.False(second.Created);
        Assert.Equal(first.Task.Id, second.Task.Id);
        Assert.Null(await store.Tasks.GetTaskAsync("task_contract2"));
    }

    [Theory]
    [InlineData("2.35")]
    [InlineData("1000000")]
    [InlineData(null)]
    public async Task EnqueueAsync_Budget_ReadBackExactly(string? budget)
    {
        await using var store = await OpenAsync();
        var amount = budget is null ? (decimal?)null : decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture);

        await store.Tasks.EnqueueAsync("task_budget", ContractTimes.Command() with { BudgetUsd = amount }, ContractTimes.Now);

        Assert.Equal(amount, (await store.Tasks.GetTaskAsync("task_budget"))!.Definition.BudgetUsd);
    }

    [Fact]
    public async Task FinishAsync_ResultAndErrorHoldingNul_KeptWithEachNulAsTheReplacementCharacter()
    {
        await using var store = await OpenAsync();
        await store.QueueAsync("first", ContractTimes.Now.AddSeconds(-2));
        var completed = await store.ClaimAsync(at: ContractTimes.Now);
        await store.QueueAsync("second", ContractTimes.Now.AddSeconds(-1));
        var failed = await store.ClaimAsync(at: ContractTimes.Now);

        Assert.Equal(FinishOutcome.Recorded, await store.FinishAsync(completed, completed: true, result: "a\0b"));
        Assert.Equal(FinishOutcome.Recorded, await store.FinishAsync(failed, completed: false, error: "e\0f"));

        Assert.Equal("a\uFFFDb", (await store.TaskAsync(completed.Task.Id)).Result);
        Assert.Equal("e\uFFFDf", (await store.TaskAsync(failed.Task.Id)).Error);
    }
}
