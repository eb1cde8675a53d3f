using Baton.Core.Attempts;

namespace Baton.Core.Tests.Attempts;

public sealed class AttemptStatesTests
{
    [Theory]
    [InlineData(AttemptState.Running, "running")]
    [InlineData(AttemptState.Completed, "completed")]
    [InlineData(AttemptState.Failed, "failed")]
    [InlineData(AttemptState.TimedOut, "timed_out")]
    [InlineData(AttemptState.Cancelled, "cancelled")]
    [InlineData(AttemptState.Interrupted, "interrupted")]
    public void ToWire_EachState_ReturnsNameThatParsesBack(AttemptState state, string wire)
    {
        Assert.Equal(wire, state.ToWire());
        Assert.Equal(state, AttemptStates.Parse(wire));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Running")]
    [InlineData("pending")]
    public void Parse_UnknownName_ThrowsFormatException(string name) =>
        Assert.Throws<FormatException>(() => AttemptStates.Parse(name));

    [Fact]
    public void AttemptKeyToString_Always_TaskIdSlashNumber() =>
        Assert.Equal("abcdabcdabcd/2", new AttemptKey("abcdabcdabcd", 2).ToString());
}
