using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Runners;
using Baton.Core.Runners.Command;
using Baton.Core.Tasks;
using Baton.Core.Tests.Application.Testing;
using Baton.Core.Tests.Testing;
using Baton.Core.Workflows;
using Baton.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Application;

/// <summary>
/// Phase gates and pause through the application layer over a real SQLite store: WorkflowService's approve and reject,
/// and a phase_gate interaction answered through InteractionService, which decides it through WorkflowService.
/// </summary>
public sealed class PhaseGateServiceTests : IAsyncLifetime
{
    private readonly TempDirectory directory = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier notifier = new();
    private SqliteTaskStore tasks = null!;
    private SqliteWorkflowStore workflowStore = null!;
    private SqliteInteractionStore interactionStore = null!;
    private WorkflowService workflows = null!;
    private InteractionService interactions = null!;

    public async Task InitializeAsync()
    {
        var options = new SqliteStoreOptions { DatabasePath = directory.File("baton.db") };
        await new SqliteStoreMigrator(options).MigrateAsync();
        tasks = new SqliteTaskStore(options);
        workflowStore = new SqliteWorkflowStore(options);
        interactionStore = new SqliteInteractionStore(options);
        var runners = new RunnerRegistry([new CommandRunner(new Dictionary<string, string>())]);
        workflows = new WorkflowService(workflowStore, tasks, notifier, runners, clock);
        interactions = new InteractionService(interactionStore, new TaskService(tasks, notifier, runners, clock, interactions: interactionStore), notifier, clock, workflows);
    }

    public async Task DisposeAsync()
    {
        await tasks.DisposeAsync();
        await workflowStore.DisposeAsync();
        await interactionStore.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    [Fact]
    public async Task RespondAsync_ApproveAPhaseGate_StartsThePhaseWithTheFeedbackAndASecondAnswerConflicts()
    {
        var id = await RunGatedAsync();
        var gate = Assert.Single(await interactions.ListAsync(new InteractionQuery(WorkflowId: id)));

        var answered = await interactions.RespondAsync(gate.Id, new InteractionReply(InteractionDecision.Approve, "ship only the CLI"), "alice");
        var again = await Assert.ThrowsAsync<BatonException>(() => interactions.RespondAsync(gate.Id, new InteractionReply(InteractionDecision.Deny), "bob"));
        var details = await workflows.GetAsync(id);
        var deploy = details.Contents.Tasks.Single();

        Assert.Equal((InteractionKind.PhaseGate, (string?)null, "deploy"), (gate.Ask.Kind, gate.TaskId, gate.PhaseId));
        Assert.Equal(InteractionStatus.Answered, answered.Status);
        Assert.Equal(("alice", InteractionDecision.Approve), (answered.Response?.RespondedBy, answered.Response?.Decision));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal(WorkflowState.Running, details.Contents.Phases.Single().Status);
        Assert.Equal((TaskState.Pending, false), (deploy.Status, deploy.Blocked));
        Assert.Contains("who approved phase 'deploy'\nship only the CLI", deploy.UpstreamContext, StringComparison.Ordinal);
        Assert.Equal(InteractionStatus.Answered, (await interactionStore.GetAsync(gate.Id))?.Status);
        Assert.Contains(WorkChange.Queued, notifier.Changes);
    }

    [Fact]
    public async Task RespondAsync_DenyAPhaseGate_FailsThePhaseAndTheWorkflow()
    {
        var id = await RunGatedAsync();
        var gate = Assert.Single(await interactions.ListAsync(new InteractionQuery(WorkflowId: id)));

        var wrongKind = await Assert.ThrowsAsync<BatonException>(() => interactions.RespondAsync(gate.Id, new InteractionReply(InteractionDecision.Answer, "yes"), "alice"));
        await interactions.RespondAsync(gate.Id, new InteractionReply(InteractionDecision.Deny, "not now"), "alice");
        var details = await workflows.GetAsync(id);

        Assert.Equal(ErrorKind.InvalidInput, wrongKind.Kind);
        Assert.Equal(WorkflowState.Failed, details.Contents.Workflow.Status);
        Assert.Equal("not run: phase 'deploy' was rejected by alice: not now", details.Contents.Tasks.Single().Error);
    }

    [Fact]
    public async Task CancelAsync_WorkflowWaitingAtAGate_WithdrawsTheGateAndAnAnswerConflicts()
    {
        var id = await RunGatedAsync();
        var gate = Assert.Single(await interactions.ListAsync(new InteractionQuery(WorkflowId: id)));

        await workflows.CancelAsync(id);
        var answer = await Assert.ThrowsAsync<BatonException>(() => interactions.RespondAsync(gate.Id, new InteractionReply(InteractionDecision.Approve), "alice"));
        var approve = await Assert.ThrowsAsync<BatonException>(() => workflows.ApproveAsync(id, "deploy", null, "alice"));

        Assert.Equal(InteractionStatus.Withdrawn, (await interactionStore.GetAsync(gate.Id))?.Status);
        Assert.Equal(ErrorKind.Conflict, answer.Kind);
        Assert.Equal(ErrorKind.Conflict, approve.Kind);
        Assert.Contains("does not wait for approval (cancelled): it has ended", approve.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveAsync_ThroughTheWorkflow_AnswersTheGateInteractionToo()
    {
        var id = await RunGatedAsync();
        var gate = Assert.Single(await interactions.ListAsync(new InteractionQuery(WorkflowId: id)));

        await workflows.ApproveAsync(id[..6], "deploy", null, "cli:alice");
        var stored = await interactionStore.GetAsync(gate.Id);

        Assert.Equal(InteractionStatus.Answered, stored?.Status);
        Assert.Equal("cli:alice", stored?.Response?.RespondedBy);
        Assert.NotNull(stored?.DeliveredAt);
        Assert.Empty(await interactions.ListAsync(new InteractionQuery(WorkflowId: id)));
    }

    /// <summary>Runs a workflow whose one phase, deploy, is gated: it waits at once.</summary>
    private async Task<string> RunGatedAsync()
    {
        var workflow = workflows.NewWorkflow(new WorkflowSettings("gated", CreatedBy: "alice"), WorkflowState.Running, clock.GetUtcNow());
        var phase = new PhaseRecord { PhaseId = "deploy", Name = "deploy", Position = 0, Status = WorkflowState.Draft, RequiresApproval = true };
        var task = new TaskDefinition { Name = "deploy", Runner = CommandRunner.RunnerName, Program = "sh", Arguments = ["-c", "true"], WorkingDirectory = directory.Path, PhaseId = "deploy" };
        await workflows.RunAsync(new WorkflowBlueprint(workflow, [phase], [new BlueprintTask(TaskIds.New(), task)]), "/usr/bin:/bin");
        return workflow.Id;
    }
}
