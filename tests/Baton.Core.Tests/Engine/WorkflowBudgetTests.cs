using Baton.Core.Costs;
using Baton.Core.Interactions;
using Baton.Core.Runners;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;
using Baton.Core.Workflows;

namespace Baton.Core.Tests.Engine;

/// <summary>
/// A workflow's budget on a real SQLite store with a scripted agent: what all its tasks spent counts, the tightest of
/// the task's, the workflow's and the agent's day budget is the one asked about, and a raise is written to the
/// workflow so its other tasks go on under it.
/// </summary>
public sealed class WorkflowBudgetTests
{
    [Fact]
    public async Task RunAsync_FirstTaskSpentTheWorkflowBudget_AsksAboutTheWorkflowBeforeTheSecond()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = SpendingRunner(1.50m);
        harness.Runners.Add(runner);
        harness.Start();
        var (workflowId, first, second) = await CreateWorkflowAsync(harness, budget: 1.00m, secondTaskBudget: 10.00m);
        await harness.StatusAsync(first, TaskState.Completed);

        var asked = await OpenBudgetAsync(harness, second);

        // The task's own $10 budget has $10 left; the workflow's is overspent: that one is named.
        Assert.Equal("the workflow has spent $1.50 of its $1.00 budget", asked.Ask.Summary);
        Assert.Contains("\"scope\":\"workflow\"", asked.Ask.Input, StringComparison.Ordinal);
        Assert.Equal(TaskState.InputRequired, (await harness.TaskAsync(second)).Status);
        Assert.Single(runner.Contexts);

        await AnswerAsync(harness, asked.Id, InteractionDecision.Answer, "5");

        await harness.StatusAsync(second, TaskState.Completed);
        Assert.Equal(5.00m, (await harness.Workflows.GetSnapshotAsync(workflowId))!.Workflow.BudgetUsd);
        Assert.Equal(2, runner.Contexts.Count);
    }

    [Fact]
    public async Task RunAsync_WorkflowBudgetUsedUpThenDenied_CancelsTheTask()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = SpendingRunner(1.50m);
        harness.Runners.Add(runner);
        harness.Start();
        var (_, first, second) = await CreateWorkflowAsync(harness, budget: 1.00m, secondTaskBudget: null);
        await harness.StatusAsync(first, TaskState.Completed);

        var asked = await OpenBudgetAsync(harness, second);
        await AnswerAsync(harness, asked.Id, InteractionDecision.Deny);

        await harness.StatusAsync(second, TaskState.Cancelled);
        Assert.Single(runner.Contexts);
    }

    [Fact]
    public async Task RunAsync_TaskBudgetTighterThanTheWorkflows_AsksAboutTheTaskAndRaisesItsStoredBudget()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = SpendingRunner(1.50m);
        harness.Runners.Add(runner);
        harness.Start();
        var (_, first, second) = await CreateWorkflowAsync(harness, budget: 100.00m, secondTaskBudget: 0.50m, secondSpends: true);
        await harness.StatusAsync(first, TaskState.Completed);

        var asked = await OpenBudgetAsync(harness, second);
        Assert.Equal("the task has spent $1.50 of its $0.50 budget", asked.Ask.Summary);
        await AnswerAsync(harness, asked.Id, InteractionDecision.Answer, "20");

        await harness.StatusAsync(second, TaskState.Completed);
        Assert.Equal(20m, (await harness.TaskAsync(second)).Definition.BudgetUsd);
    }

    [Fact]
    public void Tightest_SeveralUsedUp_NamesTheMostOverspent()
    {
        var states = new[]
        {
            new BudgetState(BudgetScope.Task, 1.00m, 0.90m, "the task"),
            new BudgetState(BudgetScope.Workflow, 4.87m, 4.00m, "the workflow"),
            new BudgetState(BudgetScope.AgentDay, 1.00m, 50m, "agent reviewer today"),
        };

        var tightest = BudgetGuard.Tightest(states)!;

        Assert.Equal(BudgetScope.Workflow, tightest.Scope);
        Assert.Equal("the workflow has spent $4.87 of its $4.00 budget", tightest.Summary);
        Assert.Null(BudgetGuard.Tightest([]));
    }

    [Fact]
    public void Ask_WorkflowBudget_KeepsTheScopeSpentAndLimitInItsInput()
    {
        var ask = BudgetGuard.Ask(new BudgetState(BudgetScope.Workflow, 4.87m, 5.00m, "the workflow"));

        Assert.Equal(InteractionKind.Budget, ask.Kind);
        Assert.Equal("the workflow has spent $4.87 of its $5.00 budget", ask.Summary);
        Assert.Equal(4.87m, BudgetGuard.SpentWhenAsked(ask));
        Assert.Contains("\"scope\":\"workflow\"", ask.Input, StringComparison.Ordinal);
    }

    /// <summary>
    /// A running workflow of two tasks, the second after the first; the first spends, the second only if
    /// <paramref name="secondSpends"/> (then a task budget below one attempt stops it after its first).
    /// </summary>
    private static async Task<(string Workflow, string First, string Second)> CreateWorkflowAsync(
        EngineHarness harness, decimal budget, decimal? secondTaskBudget, bool secondSpends = false)
    {
        var now = harness.Time.GetUtcNow();
        var workflow = new WorkflowRecord
        {
            Id = TaskIds.New(),
            Name = "budgeted",
            Status = WorkflowState.Running,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = now,
            BudgetUsd = budget,
        };
        var phase = new PhaseRecord { PhaseId = "build", Name = "build", Position = 0, Status = WorkflowState.Draft };
        var (first, second) = (TaskIds.New(), TaskIds.New());
        await harness.Workflows.CreateAsync(new WorkflowBlueprint(workflow, [phase],
        [
            new BlueprintTask(first, Definition("first", workflow.Id, [], null)),
            new BlueprintTask(second, Definition(secondSpends ? "second" : "second-free", workflow.Id, [first], secondTaskBudget)),
        ]), now);
        harness.Signal.NotifyWorkQueued();
        return (workflow.Id, first, second);
    }

    private static TaskDefinition Definition(string name, string workflowId, IReadOnlyList<string> dependsOn, decimal? budget) => new()
    {
        Name = name,
        Runner = ScriptedAgentRunner.RunnerName,
        AgentName = "reviewer",
        WorkingDirectory = Path.GetTempPath(),
        WorkflowId = workflowId,
        PhaseId = "build",
        DependsOn = dependsOn,
        BudgetUsd = budget,
        MaxRetries = 10,
        RetryBackoff = RetryBackoff.None,
    };

    /// <summary>An agent whose task named "second-free" costs nothing; every other attempt costs <paramref name="cost"/> and fails once before succeeding.</summary>
    private static ScriptedAgentRunner SpendingRunner(decimal cost) => new((context, stop) =>
    {
        var spent = context.Task.Definition.Name == "second-free" ? 0m : cost;
        var details = new AgentRunDetails
        {
            Models = new Dictionary<string, ModelUsage> { ["claude-sonnet-4-5"] = new(1000, 100, 0, 0, spent) },
            CostUsd = spent,
        };
        var number = context.Attempt.Number;
        var outcome = context.Task.Definition.Name == "second" && number == 1
            ? AttemptOutcome.Failure("attempt 1 failed", retryable: true)
            : AttemptOutcome.Success($"attempt {number}");
        return Task.FromResult(outcome with { Details = details });
    });

    private static Task<InteractionRecord> OpenBudgetAsync(EngineHarness harness, string taskId) =>
        EngineHarness.EventuallyAsync(
            async () => (await harness.Interactions.ListAsync(new InteractionQuery(TaskId: taskId)))
                .FirstOrDefault(i => i.Ask.Kind == InteractionKind.Budget),
            $"a budget interaction on {taskId}");

    private static async Task AnswerAsync(EngineHarness harness, string id, InteractionDecision decision, string? message = null)
    {
        var result = await harness.Interactions.RespondAsync(
            id, new InteractionResponse { Decision = decision, Message = message, RespondedBy = "alice" }, harness.Time.GetUtcNow());
        Assert.Equal(RespondOutcome.Answered, result.Outcome);
        harness.Signal.NotifyAttention();
    }
}
