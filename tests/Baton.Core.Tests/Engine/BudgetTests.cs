using Baton.Core.Attempts;
using Baton.Core.Costs;
using Baton.Core.Interactions;
using Baton.Core.Runners;
using Baton.Core.Runners.Agents;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;

namespace Baton.Core.Tests.Engine;

/// <summary>
/// Budgets on a real SQLite store with a scripted agent: a used-up budget stops the next attempt and asks a person
/// (kind budget, task input_required), who raises it, approves once, or cancels; an agent's budget per day counts
/// what its other tasks spent today.
/// </summary>
public sealed class BudgetTests
{
    [Fact]
    public async Task RunAsync_BudgetUsedUpThenApprovedOnce_RunsOneMoreAttempt()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = SpendingRunner(1.50m);
        harness.Runners.Add(runner);
        harness.Start();
        var id = await EnqueueAsync(harness, "approve", budget: 1.00m);

        var asked = await OpenBudgetAsync(harness, id);
        Assert.Equal("the task has spent $1.50 of its $1.00 budget", asked.Ask.Summary);
        Assert.Equal(TaskState.InputRequired, (await harness.TaskAsync(id)).Status);
        Assert.Single(runner.Contexts);

        await AnswerAsync(harness, asked.Id, InteractionDecision.Approve);

        var done = await harness.StatusAsync(id, TaskState.Completed);
        Assert.Equal("attempt 2", done.Result);
        Assert.Equal(2, runner.Contexts.Count);
    }

    [Fact]
    public async Task RunAsync_BudgetUsedUpThenDenied_CancelsTheTaskWithoutRunningTheAgent()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = SpendingRunner(1.50m);
        harness.Runners.Add(runner);
        harness.Start();
        var id = await EnqueueAsync(harness, "deny", budget: 1.00m);

        var asked = await OpenBudgetAsync(harness, id);
        await AnswerAsync(harness, asked.Id, InteractionDecision.Deny);

        await harness.StatusAsync(id, TaskState.Cancelled);
        Assert.Single(runner.Contexts);
        Assert.Equal(AttemptState.Cancelled, (await harness.AttemptsOfAsync(id))[^1].Status);
    }

    [Fact]
    public async Task RunAsync_BudgetRaised_RunsUntilTheNewBudgetIsUsedUpAndAsksAgain()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = SpendingRunner(1.50m, succeedOn: 10);
        harness.Runners.Add(runner);
        harness.Start();
        var id = await EnqueueAsync(harness, "raise", budget: 1.00m);

        var first = await OpenBudgetAsync(harness, id);
        await AnswerAsync(harness, first.Id, InteractionDecision.Answer, "3.50");

        // $1.50 spent of $3.50: one more attempt runs ($3.00), another ($4.50), and then the raised budget is used up.
        var second = await OpenBudgetAsync(harness, id, except: first.Id);
        Assert.Equal("the task has spent $4.50 of its $3.50 budget", second.Ask.Summary);
        Assert.Equal(3, runner.Contexts.Count);
    }

    [Fact]
    public async Task RunAsync_AgentSpentItsDailyBudgetOnAnotherTask_AsksBeforeTheNextTaskRuns()
    {
        await using var harness = await EngineHarness.CreateAsync(o => o.Budgets = new BudgetOptions
        {
            AgentDailyUsd = new Dictionary<string, decimal> { ["reviewer"] = 2.00m },
        });
        var runner = SpendingRunner(2.50m, succeedOn: 1);
        harness.Runners.Add(runner);
        harness.Start();
        var first = await EnqueueAsync(harness, "first", budget: null);
        await harness.StatusAsync(first, TaskState.Completed);

        var second = await EnqueueAsync(harness, "second", budget: null);

        var asked = await OpenBudgetAsync(harness, second);
        Assert.Equal("agent reviewer today has spent $2.50 of its $2.00 budget", asked.Ask.Summary);
        Assert.Single(runner.Contexts);
    }

    [Fact]
    public async Task RunAsync_NoBudgetUsedUp_RunsWithoutAsking()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(SpendingRunner(0.10m, succeedOn: 2));
        harness.Start();
        var id = await EnqueueAsync(harness, "cheap", budget: 1.00m);

        await AdvanceUntilAsync(harness, id, TaskState.Completed);

        Assert.Empty(await harness.Interactions.ListAsync(new InteractionQuery(Status: null, TaskId: id)));
    }

    [Fact]
    public async Task RunAsync_UsageCrossesTheBudgetWhileRunning_StopsTheAgentKeepsItsSessionAndAsks()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = new ScriptedAgentRunner((context, stop) =>
        {
            if (context.Attempt.Number > 1)
            {
                return Task.FromResult(AttemptOutcome.Success($"resumed {context.ResumeSessionId}"));
            }

            // Reports usage as a CLI does, $0.40 more each step, until the engine stops it.
            for (var step = 1; step <= 100 && !stop.IsCancellationRequested; step++)
            {
                var usage = new Dictionary<string, ModelUsage> { ["claude-sonnet-4-5"] = new(1000 * step, 100 * step, 0, 0, 0.40m * step) };
                context.ReportProgress(new AgentProgress("session-1", $"step {step}", step, 0, usage));
            }

            return Task.FromResult(AttemptOutcome.Failure("stopped"));
        });
        harness.Runners.Add(runner);
        harness.Start();
        var id = await EnqueueAsync(harness, "running", budget: 1.00m);

        var asked = await OpenBudgetAsync(harness, id);

        Assert.Equal("the task has spent $1.20 of its $1.00 budget", asked.Ask.Summary);
        var first = (await harness.AttemptsOfAsync(id))[0];
        Assert.Equal(AttemptState.Interrupted, first.Status);
        Assert.True(first.Details!.CostEstimated);
        await AnswerAsync(harness, asked.Id, InteractionDecision.Approve);
        Assert.Equal("resumed session-1", (await harness.StatusAsync(id, TaskState.Completed)).Result);
    }

    /// <summary>An agent that spends <paramref name="cost"/> per attempt and fails (retryably) until attempt <paramref name="succeedOn"/>.</summary>
    private static ScriptedAgentRunner SpendingRunner(decimal cost, int succeedOn = 2) => new((context, stop) =>
    {
        var details = new AgentRunDetails
        {
            Models = new Dictionary<string, ModelUsage> { ["claude-sonnet-4-5"] = new(1000, 100, 0, 0, cost) },
            CostUsd = cost,
        };
        var number = context.Attempt.Number;
        return Task.FromResult((number >= succeedOn
            ? AttemptOutcome.Success($"attempt {number}")
            : AttemptOutcome.Failure($"attempt {number} failed", retryable: true)) with { Details = details });
    });

    private static Task<string> EnqueueAsync(EngineHarness harness, string name, decimal? budget) =>
        harness.EnqueueAsync(name, "unused", d => d with
        {
            Runner = ScriptedAgentRunner.RunnerName,
            Program = null,
            Arguments = [],
            AgentName = "reviewer",
            BudgetUsd = budget,
            MaxRetries = 10,
            RetryBackoff = RetryBackoff.None,
        });

    private static Task<InteractionRecord> OpenBudgetAsync(EngineHarness harness, string taskId, string? except = null) =>
        EngineHarness.EventuallyAsync(
            async () => (await harness.Interactions.ListAsync(new InteractionQuery(TaskId: taskId)))
                .FirstOrDefault(i => i.Ask.Kind == InteractionKind.Budget && i.Id != except),
            $"a budget interaction on {taskId}");

    private static async Task AnswerAsync(EngineHarness harness, string id, InteractionDecision decision, string? message = null)
    {
        var result = await harness.Interactions.RespondAsync(
            id, new InteractionResponse { Decision = decision, Message = message, RespondedBy = "alice" }, harness.Time.GetUtcNow());
        Assert.Equal(RespondOutcome.Answered, result.Outcome);
        harness.Signal.NotifyAttention();
    }

    private static Task<TaskRecord> AdvanceUntilAsync(EngineHarness harness, string id, TaskState status) =>
        EngineHarness.EventuallyAsync(
            async () =>
            {
                var task = await harness.TaskAsync(id);
                if (task.Status == status)
                {
                    return task;
                }

                harness.Time.Advance(TimeSpan.FromSeconds(1));
                return null;
            },
            $"{id} {status}");
}
