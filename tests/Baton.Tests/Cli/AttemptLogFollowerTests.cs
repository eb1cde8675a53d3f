using Baton.Cli.Commands;
using Baton.Core.Events;

namespace Baton.Tests.Cli;

public sealed class AttemptLogFollowerTests
{
    [Theory]
    [InlineData(EventTypes.TaskInputRequired)]
    [InlineData(EventTypes.InteractionAnswered)]
    [InlineData(EventTypes.TaskStarted)]
    [InlineData(EventTypes.TaskProgress)]
    [InlineData(EventTypes.ContextSaved)]
    public void Ends_AttemptWaitsForAPersonOrRunsOn_False(string type) =>
        Assert.False(AttemptLogFollower.Ends(Event(type, attempt: 2), 2));

    [Theory]
    [InlineData(EventTypes.TaskPaused)]
    [InlineData(EventTypes.TaskCompleted)]
    [InlineData(EventTypes.TaskCancelled)]
    public void Ends_AttemptStoppedOrEnded_True(string type) =>
        Assert.True(AttemptLogFollower.Ends(Event(type, attempt: 2), 2));

    private static EventRecord Event(string type, int attempt) =>
        new(1, type, DateTimeOffset.UnixEpoch, "t1", null, null, attempt, null, null, null);
}
