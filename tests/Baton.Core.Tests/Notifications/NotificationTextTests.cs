using Baton.Core.Events;
using Baton.Core.Notifications;

namespace Baton.Core.Tests.Notifications;

public sealed class NotificationTextTests
{
    [Fact]
    public void Format_TaskInputRequired_SaysItNeedsYouWithTheSummary()
    {
        var text = NotificationText.Format(new NotificationSource(EventTypes.TaskInputRequired, "t1", "refactor", null, null, null, null, "Bash: rm -rf build"));

        Assert.Equal("Task \"refactor\" (t1) needs your input: Bash: rm -rf build", text);
    }

    [Fact]
    public void Format_PhaseInputRequired_SaysThePhaseWaitsForApproval()
    {
        var text = NotificationText.Format(new NotificationSource(
            EventTypes.PhaseInputRequired, null, null, "wf1", "release", "ship", "Ship", "Phase ship waits for approval"));

        Assert.Equal("Phase \"Ship\" of workflow \"release\" waits for your approval: Phase ship waits for approval", text);
    }

    [Fact]
    public void Format_TaskPaused_SaysPausedWithTheReason()
    {
        var text = NotificationText.Format(new NotificationSource(EventTypes.TaskPaused, "t1", null, null, null, null, null, "lunch"));

        Assert.Equal("Task \"t1\" (t1) was paused: lunch", text);
    }

    [Fact]
    public void Format_PhaseCompleted_KeepsItsWordingWithoutDetail()
    {
        var text = NotificationText.Format(new NotificationSource(EventTypes.PhaseCompleted, null, null, "wf1", "release", "ship", "Ship", "ignored"));

        Assert.Equal("Phase \"Ship\" of workflow \"release\" completed", text);
    }
}
