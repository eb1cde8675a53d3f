using Baton.Core.Tasks;

namespace Baton.Core.Tests.Tasks;

public sealed class TaskPrioritiesTests
{
    [Theory]
    [InlineData(TaskPriority.Critical, "critical")]
    [InlineData(TaskPriority.High, "high")]
    [InlineData(TaskPriority.Normal, "normal")]
    [InlineData(TaskPriority.Low, "low")]
    public void ToWire_EachPriority_ReturnsNameThatParsesBack(TaskPriority priority, string wire)
    {
        Assert.Equal(wire, priority.ToWire());
        Assert.True(TaskPriorities.TryParse(wire, out var parsed));
        Assert.Equal(priority, parsed);
    }

    [Fact]
    public void AllNames_EveryPriority_HighestFirst() =>
        Assert.Equal(["critical", "high", "normal", "low"], TaskPriorities.AllNames);

    [Fact]
    public void TryParse_UpperCaseWithSpaces_Parses()
    {
        Assert.True(TaskPriorities.TryParse(" HIGH ", out var parsed));
        Assert.Equal(TaskPriority.High, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("urgent")]
    [InlineData("2")]
    [InlineData("medium")]
    public void TryParse_UnknownName_ReturnsFalse(string? name) =>
        Assert.False(TaskPriorities.TryParse(name, out _));
}
