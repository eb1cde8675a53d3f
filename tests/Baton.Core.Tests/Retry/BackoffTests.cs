using Baton.Core.Retry;

namespace Baton.Core.Tests.Retry;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 100)]
    [InlineData(3, 200)]
    [InlineData(6, 1600)]
    [InlineData(7, 2000)]
    [InlineData(100, 2000)]
    public void DelayFor_ExponentialWithoutJitter_DoublesUpToTheCap(int attempt, int milliseconds)
    {
        var backoff = Backoff.Exponential(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), fullJitter: false);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), backoff.DelayFor(attempt, unitRandom: 0.1));
    }

    [Fact]
    public void DelayFor_ExponentialWithFullJitter_ScalesTheCeilingByTheRandomValue()
    {
        var backoff = Backoff.Exponential(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), fullJitter: true);

        Assert.Equal(TimeSpan.FromSeconds(4), backoff.DelayFor(3, unitRandom: 0.5));
    }

    [Fact]
    public void DelayFor_ListRunsOut_ReturnsNull()
    {
        var backoff = Backoff.FromList([TimeSpan.Zero, TimeSpan.FromSeconds(5)]);

        Assert.Equal(TimeSpan.Zero, backoff.DelayFor(1));
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.DelayFor(2));
        Assert.Null(backoff.DelayFor(3));
    }

    [Fact]
    public void DelayFor_Constant_IgnoresTheAttemptNumber()
    {
        var backoff = Backoff.Constant(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), backoff.DelayFor(1));
        Assert.Equal(TimeSpan.FromSeconds(3), backoff.DelayFor(50));
    }

    [Fact]
    public void DelayFor_AttemptZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Immediate.DelayFor(0));
    }
}
