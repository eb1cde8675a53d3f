using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Tests.Engine.Testing;

namespace Baton.Core.Tests.Engine;

/// <summary>
/// The engine's side of people in the loop, on a real SQLite store: an agent's ask is stored and shows on its task,
/// the answer reaches the waiting runner, time waiting does not count against the timeout, the input-timeout
/// policies, steering messages, pause, and an answer given while no engine ran.
/// </summary>
public sealed class AttemptConversationTests
{
    private static readonly InteractionAsk Approval = new()
    {
        Kind = InteractionKind.ToolApproval,
        Summary = "Bash: rm -rf build",
        ToolName = "Bash",
        Input = """{"command":"rm -rf build"}""",
    };

    [Fact]
    public async Task AskAsync_AnsweredByAPerson_TaskWaitsInInputRequiredThenRunsOnWithTheAnswer()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(AskingRunner());
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "approve");

        await harness.StatusAsync(id, TaskState.InputRequired);
        var open = Assert.Single(await harness.Interactions.ListAsync(new InteractionQuery(TaskId: id)));
        Assert.Equal("Bash: rm -rf build", open.Ask.Summary);
        await AnswerAsync(harness, open.Id, InteractionDecision.Approve);

        var task = await harness.StatusAsync(id, TaskState.Completed);
        Assert.Equal("approve", task.Result);
        Assert.NotNull((await harness.Interactions.GetAsync(open.Id))!.DeliveredAt);
    }

    [Fact]
    public async Task AskAsync_AnswerWithoutAWakeUp_ReachesTheRunnerAtTheNextLeaseRenewal()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(AskingRunner());
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "quiet");
        await harness.StatusAsync(id, TaskState.InputRequired);
        var open = Assert.Single(await harness.Interactions.ListAsync(new InteractionQuery(TaskId: id)));

        await harness.Interactions.RespondAsync(open.Id, Response(InteractionDecision.Deny), harness.Time.GetUtcNow());
        Assert.Equal(TaskState.Running, (await harness.TaskAsync(id)).Status);

        var task = await AdvanceUntilAsync(harness, id, TaskState.Completed);
        Assert.Equal("deny", task.Result);
    }

    [Fact]
    public async Task AskAsync_WaitingLongerThanTheTaskTimeout_TimeWaitingDoesNotCount()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(AskingRunner());
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "patient", d => d with { TimeoutSeconds = 2 });
        await harness.StatusAsync(id, TaskState.InputRequired);

        for (var second = 0; second < 8; second++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        Assert.Equal(TaskState.InputRequired, (await harness.TaskAsync(id)).Status);
        var open = Assert.Single(await harness.Interactions.ListAsync(new InteractionQuery(TaskId: id)));
        await AnswerAsync(harness, open.Id, InteractionDecision.Approve);
        Assert.Equal("approve", (await harness.StatusAsync(id, TaskState.Completed)).Result);
    }

    [Fact]
    public async Task AskAsync_InputTimeoutDeny_PolicyDeniesAndTheAgentCarriesOn()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(AskingRunner());
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "deny", d => d with { InputTimeoutSeconds = 3, OnInputTimeout = InputTimeoutAction.Deny });
        await harness.StatusAsync(id, TaskState.InputRequired);

        var task = await AdvanceUntilAsync(harness, id, TaskState.Completed);

        Assert.Equal("deny", task.Result);
        var expired = Assert.Single(await harness.Interactions.ListAsync(new InteractionQuery(Status: null, TaskId: id)));
        Assert.Equal(InteractionStatus.Expired, expired.Status);
        Assert.Equal("policy", expired.Response?.RespondedBy);
    }

    [Fact]
    public async Task AskAsync_InputTimeoutFail_TaskFailsWithoutRetryingAndSaysWhy()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(AskingRunner());
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "fail", d => d with { InputTimeoutSeconds = 3, OnInputTimeout = InputTimeoutAction.Fail, MaxRetries = 3 });
        await harness.StatusAsync(id, TaskState.InputRequired);

        var task = await AdvanceUntilAsync(harness, id, TaskState.Failed);

        Assert.Contains("input timeout (3 s)", task.Error, StringComparison.Ordinal);
        Assert.Single(await harness.AttemptsOfAsync(id));
    }

    [Fact]
    public async Task AskAsync_InputTimeoutPauseFromTheAgent_TaskIsPausedWithItsAttemptInterrupted()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(AskingRunner());
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "hold", d => d with
        {
            Agent = new Baton.Core.Runners.Agents.AgentSpec { Name = "careful", InputTimeoutSeconds = 3, OnInputTimeout = InputTimeoutAction.Pause },
        });
        await harness.StatusAsync(id, TaskState.InputRequired);

        await AdvanceUntilAsync(harness, id, TaskState.Paused);

        Assert.Equal(AttemptState.Interrupted, Assert.Single(await harness.AttemptsOfAsync(id)).Status);
    }

    [Fact]
    public async Task PauseAsync_RunningAgent_InterruptedGracefullyThenResumedWithTheMessage()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = new ScriptedAgentRunner(async (context, stop) =>
        {
            if (context.ResumePrompt is { } prompt)
            {
                return AttemptOutcome.Success($"resumed: {prompt}");
            }

            // Runs until a person pauses it, then ends by itself as an agent CLI does after an interrupt.
            await Task.Delay(Timeout.Infinite, context.Conversation!.PauseRequested).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return AttemptOutcome.Failure("interrupted");
        });
        harness.Runners.Add(runner);
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "pause");
        await harness.StatusAsync(id, TaskState.Running);

        var pause = await harness.Tasks.PauseAsync(id, "lunch", harness.Time.GetUtcNow());
        Assert.Equal(TaskChangeOutcome.Requested, pause.Outcome);
        harness.Signal.NotifyAttention();

        var paused = await harness.StatusAsync(id, TaskState.Paused);
        Assert.Equal(AttemptState.Interrupted, Assert.Single(await harness.AttemptsOfAsync(id)).Status);
        Assert.Equal("lunch", paused.PauseReason);

        await harness.Tasks.ResumeAsync(id, "use PostgreSQL", harness.Time.GetUtcNow());
        harness.Signal.NotifyWorkQueued();
        Assert.Equal("resumed: use PostgreSQL", (await harness.StatusAsync(id, TaskState.Completed)).Result);
    }

    [Fact]
    public async Task Messages_PersonSteersARunningAgent_RunnerGetsTheMessageAndItIsMarkedDelivered()
    {
        await using var harness = await EngineHarness.CreateAsync();
        harness.Runners.Add(new ScriptedAgentRunner(async (context, stop) =>
        {
            var conversation = context.Conversation!;
            var message = await conversation.Messages.ReadAsync(stop);
            await conversation.MessageDeliveredAsync(message, stop);
            return AttemptOutcome.Success(message.Text);
        }));
        harness.Start();
        var id = await EnqueueAgentAsync(harness, "steer");
        await harness.StatusAsync(id, TaskState.Running);

        await harness.Interactions.AddMessageAsync(id, "Use PostgreSQL instead", "alice", harness.Time.GetUtcNow());
        harness.Signal.NotifyAttention();

        Assert.Equal("Use PostgreSQL instead", (await harness.StatusAsync(id, TaskState.Completed)).Result);
        Assert.Empty(await harness.Attempts.FindInstructionsAsync(EngineHarness.WorkerId));
    }

    [Fact]
    public async Task AskAsync_AnsweredWhileNoEngineRan_TheNextAttemptAsksAgainAndGetsTheStoredAnswerAtOnce()
    {
        await using var harness = await EngineHarness.CreateAsync();
        var runner = AskingRunner();
        harness.Runners.Add(runner);
        var first = harness.NewEngine(asNode: false);
        using var stopFirst = new CancellationTokenSource();
        var firstRun = Task.Run(() => first.RunAsync(stopFirst.Token));
        var id = await EnqueueAgentAsync(harness, "crash");
        await harness.StatusAsync(id, TaskState.InputRequired);
        var open = Assert.Single(await harness.Interactions.ListAsync(new InteractionQuery(TaskId: id)));

        // The daemon goes away with the question open; a person answers meanwhile.
        await stopFirst.CancelAsync();
        await firstRun.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TaskState.Pending, (await harness.TaskAsync(id)).Status);
        Assert.Equal(InteractionStatus.Open, (await harness.Interactions.GetAsync(open.Id))!.Status);
        var answered = await harness.Interactions.RespondAsync(open.Id, Response(InteractionDecision.Approve), harness.Time.GetUtcNow());
        Assert.Equal(RespondOutcome.Answered, answered.Outcome);

        harness.Start();

        Assert.Equal("approve", (await harness.StatusAsync(id, TaskState.Completed)).Result);
        Assert.Equal(2, (await harness.AttemptsOfAsync(id)).Count);
        Assert.Single(await harness.Interactions.ListAsync(new InteractionQuery(Status: null, TaskId: id)));
    }

    /// <summary>A runner that asks for <see cref="Approval"/> and succeeds with the decision it got as its result.</summary>
    private static ScriptedAgentRunner AskingRunner() => new(async (context, stop) =>
    {
        var conversation = context.Conversation!;
        var answered = await conversation.AskAsync(Approval, stop);
        await conversation.DeliveredAsync(answered, stop);
        return AttemptOutcome.Success(answered.Response!.Decision.ToWire());
    });

    private static Task<string> EnqueueAgentAsync(EngineHarness harness, string name, Func<TaskDefinition, TaskDefinition>? change = null) =>
        harness.EnqueueAsync(name, "unused", d => (change ?? (x => x))(d with { Runner = ScriptedAgentRunner.RunnerName, Program = null, Arguments = [] }));

    private static async Task AnswerAsync(EngineHarness harness, string id, InteractionDecision decision)
    {
        var result = await harness.Interactions.RespondAsync(id, Response(decision), harness.Time.GetUtcNow());
        Assert.Equal(RespondOutcome.Answered, result.Outcome);
        harness.Signal.NotifyAttention();
    }

    private static InteractionResponse Response(InteractionDecision decision) => new() { Decision = decision, RespondedBy = "alice" };

    /// <summary>Moves the clock a second at a time until the task reaches <paramref name="status"/> (real-time deadline).</summary>
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
