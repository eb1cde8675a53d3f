using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Events;
using Baton.Core.Schedules;
using Baton.Core.Workflows;

namespace Baton.Core.Tests.Schedules;

/// <summary>Schedules that start a whole workflow at each occurrence, under controlled time.</summary>
public sealed class ScheduleWorkflowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, 0, TimeSpan.Zero);

    private const string TwoPhases = """
        name: nightly build
        vars:
          target: all
        phases:
          - id: build
            tasks:
              - name: compile
                command: "make {{vars.target}}"
          - id: ship
            depends_on: [build]
            tasks:
              - name: upload
                command: [echo, upload]
        """;

    private static ScheduleSpec Spec(string source = TwoPhases) => new()
    {
        Name = "nightly",
        Cron = "* * * * *",
        TimeZone = "UTC",
        Workflow = new ScheduleWorkflow { Source = source, SourceName = "nightly.yaml", Vars = new Dictionary<string, string> { ["target"] = "release" } },
    };

    private static string WorkflowAt(int minute) => OccurrenceIds.WorkflowId("nightly", Start.AddMinutes(minute));

    [Fact]
    public async Task TurnAsync_WorkflowSchedule_StartsTheWorkflowUnderTheOccurrenceId()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec());

        await harness.TurnAtAsync(Start.AddMinutes(1));

        var fired = Assert.Single(await harness.HistoryAsync());
        Assert.Equal((OccurrenceOutcome.Fired, WorkflowAt(1), "running", (string?)null), (fired.Outcome, fired.WorkflowId, fired.WorkflowStatus, fired.TaskId));
        var workflow = (await harness.Workflows.GetAsync(WorkflowAt(1))).Contents;
        Assert.Equal(("nightly build", "cli:alice"), (workflow.Workflow.Name, workflow.Workflow.CreatedBy));
        Assert.Equal(["build", "ship"], workflow.Phases.Select(p => p.PhaseId));
        Assert.Contains("make release", workflow.Tasks.Single(t => t.Definition.Name == "compile").Definition.Arguments);
        var firedEvent = Assert.Single(await harness.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.ScheduleFired]))));
        Assert.Equal(WorkflowAt(1), firedEvent.WorkflowId);
    }

    [Fact]
    public async Task TurnAsync_CrashAfterTheWorkflowWasCreated_RecordsThatWorkflowAndCreatesNoOther()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var schedule = await harness.AddAsync(Spec());
        harness.Time.SetUtcNow(Start.AddMinutes(1));
        // The node created the occurrence's workflow and died before recording the occurrence.
        await harness.ScheduleWorkflows.StartAsync(await harness.ScheduleWorkflows.BuildAsync(schedule, Start.AddMinutes(1)));

        await harness.TurnAtAsync(Start.AddMinutes(1).AddSeconds(1));
        await harness.TurnAtAsync(Start.AddMinutes(1).AddSeconds(2), harness.NewScheduler());

        Assert.Equal(WorkflowAt(1), Assert.Single(await harness.HistoryAsync()).WorkflowId);
        Assert.Equal([WorkflowAt(1)], (await harness.Workflows.ListAsync(new WorkflowQuery())).Select(w => w.Workflow.Id));
    }

    [Fact]
    public async Task TurnAsync_TwoNodesAtOnce_StartOneWorkflowPerOccurrence()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Overlap = "allow_all" });
        harness.Time.SetUtcNow(Start.AddMinutes(1));

        await Task.WhenAll(harness.NewScheduler().TurnAsync(), harness.NewScheduler().TurnAsync());

        Assert.Equal(WorkflowAt(1), Assert.Single(await harness.HistoryAsync()).WorkflowId);
        Assert.Single(await harness.Workflows.ListAsync(new WorkflowQuery()));
    }

    [Fact]
    public async Task TurnAsync_PreviousWorkflowStillRunning_SkipsAndFiresAgainOnceItEnded()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec());
        await harness.TurnAtAsync(Start.AddMinutes(1));

        await harness.TurnAtAsync(Start.AddMinutes(2));
        await harness.EndWorkflowAsync(WorkflowAt(1), WorkflowState.Completed);
        await harness.TurnAtAsync(Start.AddMinutes(3));

        var history = await harness.HistoryAsync();
        Assert.Equal([OccurrenceOutcome.Fired, OccurrenceOutcome.Skipped, OccurrenceOutcome.Fired], history.Select(h => h.Outcome));
        Assert.Equal(("the previous run is still going", "completed"), (history[1].Reason, history[0].WorkflowStatus));
    }

    [Fact]
    public async Task TurnAsync_CancelOther_CancelsThePreviousWorkflowAndStartsTheNext()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { Overlap = "cancel_other" });
        await harness.TurnAtAsync(Start.AddMinutes(1));

        await harness.TurnAtAsync(Start.AddMinutes(2));

        Assert.Equal(WorkflowState.Cancelled, (await harness.Workflows.GetAsync(WorkflowAt(1))).Contents.Workflow.Status);
        Assert.Equal(WorkflowState.Running, (await harness.Workflows.GetAsync(WorkflowAt(2))).Contents.Workflow.Status);
    }

    [Fact]
    public async Task TurnAsync_PauseOnFailure_CountsFailedWorkflowsLikeFailedTasks()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec() with { PauseOnFailure = 2 });
        await harness.TurnAtAsync(Start.AddMinutes(1));
        await harness.EndWorkflowAsync(WorkflowAt(1), WorkflowState.Failed);
        await harness.TurnAtAsync(Start.AddMinutes(2));
        await harness.EndWorkflowAsync(WorkflowAt(2), WorkflowState.Failed);

        await harness.TurnAtAsync(Start.AddMinutes(3));

        var schedule = await harness.Service.GetAsync("nightly");
        Assert.True(schedule.State.Paused);
        Assert.Contains($"(the last: workflow {WorkflowAt(2)})", schedule.State.PauseNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnAsync_WorkflowNoLongerValid_RecordsAFailedOccurrenceWithTheReason()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var schedule = await harness.AddAsync(Spec());
        var broken = Spec(TwoPhases.Replace("command: [echo, upload]", "agent_name: gone\n        agent_instructions: upload", StringComparison.Ordinal));
        await harness.Store.RemoveAsync("nightly");
        await harness.Store.AddAsync(schedule with { Definition = ScheduleDefinition.From(broken) });

        await harness.TurnAtAsync(Start.AddMinutes(1));

        var failed = Assert.Single(await harness.HistoryAsync());
        Assert.Equal((OccurrenceOutcome.Failed, (string?)null), (failed.Outcome, failed.WorkflowId));
        Assert.Contains("no agent named 'gone'", failed.Reason, StringComparison.Ordinal);
        var skipped = Assert.Single(await harness.Events.ReadAsync(new EventQuery(0, new EventFilter(Types: [EventTypes.ScheduleSkipped]))));
        Assert.StartsWith("schedule nightly could not start its workflow: ", skipped.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Workflows.ListAsync(new WorkflowQuery()));
    }

    [Fact]
    public async Task RecordAsync_PausedAfterItWasRead_StopsTheWorkflowItStartedAndRecordsNothing()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var read = await harness.AddAsync(Spec());
        await harness.Service.PauseAsync("nightly", "maintenance");
        harness.Time.SetUtcNow(Start.AddMinutes(1));

        var recorded = await harness.Firer.RecordAsync(
            read, new PlannedStep(Start.AddMinutes(1), OccurrenceOutcome.Fired), read.State with { NextAt = Start.AddMinutes(2) }, [], manual: false);

        Assert.Null(recorded);
        Assert.Empty(await harness.HistoryAsync());
        Assert.Equal(WorkflowState.Cancelled, (await harness.Workflows.GetAsync(WorkflowAt(1))).Contents.Workflow.Status);
    }

    [Fact]
    public async Task RecordAsync_OccurrenceRecordedByAnotherNode_LeavesItsWorkflowRunning()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var read = await harness.AddAsync(Spec());
        harness.Time.SetUtcNow(Start.AddMinutes(1));
        var step = new PlannedStep(Start.AddMinutes(1), OccurrenceOutcome.Fired);
        var state = read.State with { NextAt = Start.AddMinutes(2) };
        await harness.Firer.RecordAsync(read, step, state, [], manual: false);
        await harness.Service.PauseAsync("nightly", "later");

        var repeat = await harness.Firer.RecordAsync(read, step, state, [], manual: false);

        Assert.Null(repeat);
        Assert.Equal(WorkflowState.Running, (await harness.Workflows.GetAsync(WorkflowAt(1))).Contents.Workflow.Status);
    }

    [Fact]
    public async Task TriggerAsync_WorkflowSchedule_StartsAWorkflowNow()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        await harness.AddAsync(Spec());

        var occurrence = await harness.Service.TriggerAsync("nightly", "cli:bob");

        Assert.Equal(OccurrenceIds.WorkflowId("nightly", Start), occurrence.WorkflowId);
        Assert.NotNull((await harness.Workflows.GetAsync(occurrence.WorkflowId!)).Contents);
    }

    [Theory]
    [InlineData("name: x\n", "nightly.yaml:1: the workflow has no phases")]
    [InlineData("name: x\nphases:\n  - id: a\n    tasks:\n      - name: t\n        agent_name: gone\n        agent_instructions: p\n", "no agent named 'gone'")]
    [InlineData("name: [x\n", "nightly.yaml:1: invalid YAML")]
    [InlineData("name: x\nphases:\n  - id: a\n    depends_on: [b]\n    tasks:\n      - name: t\n        command: [echo]\n", "'b'")]
    public async Task AddAsync_BadWorkflowFile_IsRefusedNamingTheProblem(string source, string expected)
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.AddAsync(Spec(source) with { Workflow = Spec(source).Workflow! with { Vars = null } }));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.Service.ListAsync());
    }

    [Fact]
    public async Task AddAsync_VarTheFileNeverUses_IsRefused()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);

        var error = await Assert.ThrowsAsync<BatonException>(() => harness.AddAsync(Spec() with
        {
            Workflow = Spec().Workflow! with { Vars = new Dictionary<string, string> { ["traget"] = "x" } },
        }));

        Assert.Contains("--var traget: the file never uses {{vars.traget}}; did you mean 'target'?", error.Message, StringComparison.Ordinal);
    }
}
