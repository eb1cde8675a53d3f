using Baton.Core.Tasks;

namespace Baton.Core.Tests.Tasks;

public sealed class TaskStatesTests
{
    [Theory]
    [InlineData(TaskState.Pending, "pending")]
    [InlineData(TaskState.Running, "running")]
    [InlineData(TaskState.Retrying, "retrying")]
    [InlineData(TaskState.InputRequired, "input_required")]
    [InlineData(TaskState.Paused, "paused")]
    [InlineData(TaskState.Completed, "completed")]
    [InlineData(TaskState.Failed, "failed")]
    [InlineData(TaskState.Cancelled, "cancelled")]
    [InlineData(TaskState.TimedOut, "timed_out")]
    public void ToWire_EachState_ReturnsExactWireNameThatParsesBack(TaskState state, string wire)
    {
        Assert.Equal(wire, state.ToWire());
        Assert.True(TaskStates.TryParse(wire, out var parsed));
        Assert.Equal(state, parsed);
    }

    [Fact]
    public void AllNames_EveryState_ListedOnceInLifecycleOrder() =>
        Assert.Equal(
            ["pending", "running", "retrying", "input_required", "paused", "completed", "failed", "cancelled", "timed_out"],
            TaskStates.AllNames);

    [Theory]
    [InlineData(" Timed_Out ", TaskState.TimedOut)]
    [InlineData("PENDING", TaskState.Pending)]
    public void TryParse_CaseAndSpacesDiffer_Parses(string name, TaskState expected)
    {
        Assert.True(TaskStates.TryParse(name, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("timed-out")]
    [InlineData("TimedOut")]
    [InlineData("done")]
    public void TryParse_UnknownName_ReturnsFalse(string? name) =>
        Assert.False(TaskStates.TryParse(name, out _));

    [Theory]
    [InlineData(TaskState.Pending, false)]
    [InlineData(TaskState.Running, false)]
    [InlineData(TaskState.Retrying, false)]
    [InlineData(TaskState.InputRequired, false)]
    [InlineData(TaskState.Paused, false)]
    [InlineData(TaskState.Completed, true)]
    [InlineData(TaskState.Failed, true)]
    [InlineData(TaskState.Cancelled, true)]
    [InlineData(TaskState.TimedOut, true)]
    public void IsTerminal_EachState_ClassifiesEndStates(TaskState state, bool terminal) =>
        Assert.Equal(terminal, state.IsTerminal());
}
