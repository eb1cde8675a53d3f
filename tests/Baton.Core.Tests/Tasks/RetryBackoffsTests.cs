using Baton.Core.Tasks;

namespace Baton.Core.Tests.Tasks;

public sealed class RetryBackoffsTests
{
    [Theory]
    [InlineData(RetryBackoff.Exponential, "exponential")]
    [InlineData(RetryBackoff.Fixed, "fixed")]
    [InlineData(RetryBackoff.None, "none")]
    public void ToWire_EachBackoff_ReturnsNameThatParsesBack(RetryBackoff backoff, string wire)
    {
        Assert.Equal(wire, backoff.ToWire());
        Assert.True(RetryBackoffs.TryParse(wire, out var parsed));
        Assert.Equal(backoff, parsed);
    }

    [Fact]
    public void AllNames_EveryBackoff_Listed() =>
        Assert.Equal(["exponential", "fixed", "none"], RetryBackoffs.AllNames);

    [Fact]
    public void TryParse_UpperCaseWithSpaces_Parses()
    {
        Assert.True(RetryBackoffs.TryParse(" Fixed ", out var parsed));
        Assert.Equal(RetryBackoff.Fixed, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("linear")]
    [InlineData("exp")]
    public void TryParse_UnknownName_ReturnsFalse(string? name) =>
        Assert.False(RetryBackoffs.TryParse(name, out _));
}
