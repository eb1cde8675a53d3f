using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Attempts;
using Baton.Core.Runners.Agents;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Application.Views;

public sealed class TaskStatusViewsReportTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_RunningWithAgentReport_ShowsAgentPercentStepAndProportionalEstimate()
    {
        var report = new AgentReport(25, "writing tests", Started.AddMinutes(9));

        var view = TaskStatusViews.Of(Details(report), typical: TimeSpan.FromHours(2), now: Started.AddMinutes(10));

        Assert.Equal(25, view.Progress.Percent);
        Assert.Equal("writing tests", view.Progress.CurrentStep);
        // 10 minutes for 25%: 30 more for the other 75%, whatever history says.
        Assert.Equal(30 * 60, view.Progress.EstimatedTimeRemaining);
    }

    [Fact]
    public void Of_RunningWithoutReport_KeepsHistoryEstimateAndToolStep()
    {
        var view = TaskStatusViews.Of(Details(report: null), typical: TimeSpan.FromMinutes(40), now: Started.AddMinutes(10));

        Assert.Equal(25, view.Progress.Percent);
        Assert.Equal("Bash: npm test", view.Progress.CurrentStep);
        Assert.Equal(30 * 60, view.Progress.EstimatedTimeRemaining);
    }

    [Fact]
    public void Of_AgentReportedZero_FallsBackToHistoryForTheEstimate()
    {
        var view = TaskStatusViews.Of(Details(new AgentReport(0, "starting", Started)), typical: TimeSpan.FromMinutes(40), now: Started.AddMinutes(10));

        Assert.Equal(0, view.Progress.Percent);
        Assert.Equal(30 * 60, view.Progress.EstimatedTimeRemaining);
    }

    private static TaskDetails Details(AgentReport? report)
    {
        var task = new TaskRecord
        {
            Id = "t1",
            Definition = new TaskDefinition { Name = "n", Runner = "claude", Instructions = "x", WorkingDirectory = "/tmp" },
            Status = TaskState.Running,
            CreatedAt = Started,
            UpdatedAt = Started,
            DueAt = Started,
            StartedAt = Started,
        };
        var attempt = new AttemptRecord
        {
            Key = new AttemptKey("t1", 1),
            Status = AttemptState.Running,
            WorkerId = "w",
            StartedAt = Started,
            Progress = new AgentProgress("s", "Bash: npm test", 3, 0),
            Report = report,
        };
        return new TaskDetails(task, [attempt]);
    }
}
