namespace Baton.Storage.Contract;

/// <summary>Budgets kept with tasks and workflows: a workflow's read back exactly, and both raised in place.</summary>
public abstract class BudgetContract : StoreContract
{
    [Theory]
    [InlineData("4.87")]
    [InlineData(null)]
    public async Task CreateAsync_WorkflowBudget_ReadBackExactly(string? budget)
    {
        await using var store = await OpenAsync();
        var amount = budget is null ? (decimal?)null : decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture);
        var blueprint = ContractSteps.TwoPhases("wfbudget0001", Core.Workflows.FailurePolicy.FailFast, "compile");

        await store.Workflows.CreateAsync(blueprint with { Workflow = blueprint.Workflow with { BudgetUsd = amount } }, ContractTimes.Now);

        Assert.Equal(amount, (await store.Workflows.GetSnapshotAsync("wfbudget0001"))!.Workflow.BudgetUsd);
        Assert.Equal(amount, (await store.Workflows.GetContentsAsync("wfbudget0001"))!.Workflow.BudgetUsd);
    }

    [Fact]
    public async Task SetBudgetAsync_Workflow_RaisesItInPlace()
    {
        await using var store = await OpenAsync();
        var blueprint = ContractSteps.TwoPhases("wfbudget0002", Core.Workflows.FailurePolicy.FailFast, "compile");
        await store.Workflows.CreateAsync(blueprint with { Workflow = blueprint.Workflow with { BudgetUsd = 5m } }, ContractTimes.Now);

        Assert.True(await store.Workflows.SetBudgetAsync("wfbudget0002", 12.5m, ContractTimes.Now.AddSeconds(1)));
        Assert.False(await store.Workflows.SetBudgetAsync("wfmissing0001", 12.5m, ContractTimes.Now.AddSeconds(1)));

        Assert.Equal(12.5m, (await store.Workflows.GetSnapshotAsync("wfbudget0002"))!.Workflow.BudgetUsd);
    }

    [Fact]
    public async Task SetBudgetAsync_Task_RaisesItInPlace()
    {
        await using var store = await OpenAsync();
        await store.Tasks.EnqueueAsync("task_budget1", ContractTimes.Command() with { BudgetUsd = 1m }, ContractTimes.Now);

        Assert.True(await store.Tasks.SetBudgetAsync("task_budget1", 7.25m, ContractTimes.Now.AddSeconds(1)));
        Assert.False(await store.Tasks.SetBudgetAsync("task_missing", 7.25m, ContractTimes.Now.AddSeconds(1)));

        Assert.Equal(7.25m, (await store.Tasks.GetTaskAsync("task_budget1"))!.Definition.BudgetUsd);
    }
}
