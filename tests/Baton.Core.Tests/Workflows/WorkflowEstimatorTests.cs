using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Tests.Workflows;

public sealed class WorkflowEstimatorTests
{
    private static readonly DateTimeOffset Now = WorkflowGraph.Now;

    private static readonly Dictionary<string, TimeSpan> Typical = new()
    {
        ["compile"] = TimeSpan.FromMinutes(3),
        ["link"] = TimeSpan.FromMinutes(4),
        ["lint"] = TimeSpan.FromMinutes(5),
        ["publish"] = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public void Remaining_NoHistoryForAnUnfinishedTask_ReturnsNull()
    {
        var contents = Contents(Task("compile"), Task("link", ["compile"]), Task("lint"), Task("publish", phase: "ship"));
        var typical = Typical.Where(p => p.Key != "publish").ToDictionary();

        Assert.Null(WorkflowEstimator.Remaining(contents, typical, Now));
    }

    [Fact]
    public void Remaining_NoHistoryAtAll_ReturnsNull()
    {
        var contents = Contents(Task("compile"), Task("link", ["compile"]), Task("lint"), Task("publish", phase: "ship"));

        Assert.Null(WorkflowEstimator.Remaining(contents, new Dictionary<string, TimeSpan>(), Now));
    }

    [Fact]
    public void Remaining_TwoParallelBranchesThenPhase_LongestBranchPlusNextPhase()
    {
        // build: compile (3) → link (4) beside lint (5); ship after build: publish (2). Longest: 3 + 4 + 2.
        var contents = Contents(Task("compile"), Task("link", ["compile"]), Task("lint"), Task("publish", phase: "ship"));

        Assert.Equal(TimeSpan.FromMinutes(9), WorkflowEstimator.Remaining(contents, Typical, Now));
    }

    [Fact]
    public void Remaining_OtherBranchLonger_FollowsIt()
    {
        var contents = Contents(Task("compile"), Task("link", ["compile"]), Task("lint"), Task("publish", phase: "ship"));
        var typical = new Dictionary<string, TimeSpan>(Typical) { ["lint"] = TimeSpan.FromMinutes(20) };

        Assert.Equal(TimeSpan.FromMinutes(22), WorkflowEstimator.Remaining(contents, typical, Now));
    }

    [Fact]
    public void Remaining_RunningTask_ElapsedTimeSubtracted()
    {
        // compile started 2 minutes ago: 1 left, then link 4, then publish 2 (lint's 5 ends earlier than 1 + 4).
        var contents = Contents(
            Task("compile", status: TaskState.Running, startedAgo: TimeSpan.FromMinutes(2)),
            Task("link", ["compile"]),
            Task("lint", status: TaskState.Completed),
            Task("publish", phase: "ship"));

        Assert.Equal(TimeSpan.FromMinutes(7), WorkflowEstimator.Remaining(contents, Typical, Now));
    }

    [Fact]
    public void Remaining_RunningTaskPastItsTypicalDuration_CountsNothingLeftNotNegative()
    {
        var contents = Contents(
            Task("compile", status: TaskState.Running, startedAgo: TimeSpan.FromMinutes(30)),
            Task("link", ["compile"]),
            Task("lint", status: TaskState.Completed),
            Task("publish", phase: "ship"));

        Assert.Equal(TimeSpan.FromMinutes(6), WorkflowEstimator.Remaining(contents, Typical, Now));
    }

    [Fact]
    public void Remaining_CompletedTasks_CountNothing()
    {
        var contents = Contents(
            Task("compile", status: TaskState.Completed),
            Task("link", ["compile"], status: TaskState.Completed),
            Task("lint", status: TaskState.Completed),
            Task("publish", phase: "ship"));

        Assert.Equal(TimeSpan.FromMinutes(2), WorkflowEstimator.Remaining(contents, Typical, Now));
    }

    [Fact]
    public void Remaining_CompletedWorkflow_Zero()
    {
        var running = Contents(Task("compile", status: TaskState.Completed), Task("publish", phase: "ship", status: TaskState.Completed));
        var contents = running with { Workflow = running.Workflow with { Status = WorkflowState.Completed } };

        Assert.Equal(TimeSpan.Zero, WorkflowEstimator.Remaining(contents, new Dictionary<string, TimeSpan>(), Now));
    }

    [Fact]
    public void Remaining_FailedWorkflow_Null()
    {
        var running = Contents(Task("compile", status: TaskState.Failed), Task("publish", phase: "ship"));
        var contents = running with { Workflow = running.Workflow with { Status = WorkflowState.Failed } };

        Assert.Null(WorkflowEstimator.Remaining(contents, Typical, Now));
    }

    private static (TaskRecord Task, AttemptRecord? Attempt) Task(
        string name, string[]? dependsOn = null, string phase = "build", TaskState status = TaskState.Pending, TimeSpan? startedAgo = null)
    {
        var task = new TaskRecord
        {
            Id = name + "-id",
            Definition = new TaskDefinition
            {
                Name = name,
                Runner = "command",
                Program = "make",
                WorkingDirectory = "/srv/project",
                PhaseId = phase,
                WorkflowId = WorkflowGraph.WorkflowId,
                DependsOn = [.. (dependsOn ?? []).Select(d => d + "-id")],
            },
            Status = status,
            CreatedAt = Now,
            UpdatedAt = Now,
            DueAt = Now,
        };
        var attempt = startedAgo is { } ago
            ? new AttemptRecord { Key = new AttemptKey(task.Id, 1), Status = AttemptState.Running, WorkerId = "w", StartedAt = Now - ago }
            : null;
        return (task, attempt);
    }

    private static WorkflowContents Contents(params (TaskRecord Task, AttemptRecord? Attempt)[] tasks)
    {
        PhaseRecord[] phases =
        [
            new() { PhaseId = "build", Name = "build", Position = 0, Status = WorkflowState.Running },
            new() { PhaseId = "ship", Name = "ship", DependsOn = ["build"], Position = 1, Status = WorkflowState.Pending },
        ];
        var attempts = tasks.Where(t => t.Attempt is not null)
            .ToDictionary(t => t.Task.Id, t => (IReadOnlyList<AttemptRecord>)[t.Attempt!]);
        return new WorkflowContents(WorkflowGraph.Workflow(WorkflowState.Running), phases, [.. tasks.Select(t => t.Task)], attempts);
    }
}
