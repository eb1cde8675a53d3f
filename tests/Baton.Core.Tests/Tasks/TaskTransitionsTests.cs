using Baton.Core.Tasks;

namespace Baton.Core.Tests.Tasks;

public sealed class TaskTransitionsTests
{
    [Theory]
    [InlineData(TaskState.Pending, TaskState.Running)]
    [InlineData(TaskState.Retrying, TaskState.Running)]
    [InlineData(TaskState.Running, TaskState.Completed)]
    [InlineData(TaskState.Running, TaskState.Failed)]
    [InlineData(TaskState.Running, TaskState.TimedOut)]
    [InlineData(TaskState.Running, TaskState.Retrying)]
    [InlineData(TaskState.Running, TaskState.Pending)]
    [InlineData(TaskState.Running, TaskState.Cancelled)]
    [InlineData(TaskState.Pending, TaskState.Cancelled)]
    [InlineData(TaskState.Retrying, TaskState.Cancelled)]
    [InlineData(TaskState.Failed, TaskState.Pending)]
    [InlineData(TaskState.Cancelled, TaskState.Pending)]
    [InlineData(TaskState.TimedOut, TaskState.Pending)]
    // A rejected phase gate fails its tasks before they ran.
    [InlineData(TaskState.Pending, TaskState.Failed)]
    // An agent waits for a person, and ends while it waits.
    [InlineData(TaskState.Running, TaskState.InputRequired)]
    [InlineData(TaskState.InputRequired, TaskState.Completed)]
    [InlineData(TaskState.InputRequired, TaskState.Cancelled)]
    // Paused before it ran, or interrupted at a person's request; resumed into the queue.
    [InlineData(TaskState.Pending, TaskState.Paused)]
    [InlineData(TaskState.Running, TaskState.Paused)]
    [InlineData(TaskState.InputRequired, TaskState.Paused)]
    [InlineData(TaskState.Paused, TaskState.Pending)]
    [InlineData(TaskState.Paused, TaskState.Cancelled)]
    // Its worker died while it waited for a person: rescued into the queue.
    [InlineData(TaskState.InputRequired, TaskState.Pending)]
    public void CanMove_AllowedMove_ReturnsTrue(TaskState from, TaskState to) =>
        Assert.True(TaskTransitions.CanMove(from, to));

    [Theory]
    [InlineData(TaskState.Completed, TaskState.Running)]
    [InlineData(TaskState.Completed, TaskState.Pending)]
    [InlineData(TaskState.Failed, TaskState.Running)]
    [InlineData(TaskState.Cancelled, TaskState.Running)]
    [InlineData(TaskState.Pending, TaskState.Completed)]
    [InlineData(TaskState.Retrying, TaskState.Completed)]
    [InlineData(TaskState.Paused, TaskState.Running)]
    [InlineData(TaskState.Paused, TaskState.Completed)]
    [InlineData(TaskState.Pending, TaskState.Retrying)]
    [InlineData(TaskState.Completed, TaskState.Cancelled)]
    public void CanMove_ForbiddenMove_ReturnsFalse(TaskState from, TaskState to) =>
        Assert.False(TaskTransitions.CanMove(from, to));

    [Fact]
    public void CanMove_AnyStateToItself_ReturnsFalse()
    {
        foreach (var state in Enum.GetValues<TaskState>())
        {
            Assert.False(TaskTransitions.CanMove(state, state), $"{state} -> {state} must not be allowed");
        }
    }

    [Fact]
    public void CanMove_FromTerminalState_OnlyBackToPendingAndNeverFromCompleted()
    {
        foreach (var from in Enum.GetValues<TaskState>().Where(s => s.IsTerminal()))
        {
            foreach (var to in Enum.GetValues<TaskState>())
            {
                var expected = to == TaskState.Pending && from != TaskState.Completed;
                Assert.True(expected == TaskTransitions.CanMove(from, to), $"{from} -> {to} should be {(expected ? "allowed" : "forbidden")}");
            }
        }
    }

    [Fact]
    public void SourcesOf_Running_IsPendingAndRetrying() =>
        Assert.Equal([TaskState.Pending, TaskState.Retrying], TaskTransitions.SourcesOf(TaskState.Running));

    [Fact]
    public void SourcesOf_EveryTarget_AgreesWithCanMove()
    {
        foreach (var to in Enum.GetValues<TaskState>())
        {
            foreach (var from in Enum.GetValues<TaskState>())
            {
                Assert.Equal(TaskTransitions.SourcesOf(to).Contains(from), TaskTransitions.CanMove(from, to));
            }
        }
    }
}
