using Baton.Core.Retry;
using Baton.Core.Tasks;

namespace Baton.Core.Tests.Retry;

public sealed class RetryDelaysTests
{
    private static readonly RetryOptions Options = new() { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(9, 512)]
    [InlineData(10, 600)]
    [InlineData(11, 600)]
    public void Compute_ExponentialAtUnitRandomOne_EqualsCappedCeiling(int retryNumber, int ceilingSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), RetryDelays.Compute(RetryBackoff.Exponential, retryNumber, Options, 1.0));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Compute_ExponentialAtUnitRandomZero_IsZero(int retryNumber) =>
        Assert.Equal(TimeSpan.Zero, RetryDelays.Compute(RetryBackoff.Exponential, retryNumber, Options, 0.0));

    [Fact]
    public void Compute_ExponentialJustBelowOne_IsJustBelowCeiling()
    {
        var delay = RetryDelays.Compute(RetryBackoff.Exponential, 3, Options, 0.999_999_999);
        Assert.InRange(delay, TimeSpan.FromSeconds(8) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void Compute_ExponentialWithRandomJitter_StaysWithinZeroAndCappedCeiling()
    {
        var random = new Random(1234);
        for (var retryNumber = 1; retryNumber <= 30; retryNumber++)
        {
            var ceiling = TimeSpan.FromTicks(Math.Min(Options.MaxDelay.Ticks, Options.BaseDelay.Ticks * (1L << Math.Min(retryNumber - 1, 20))));
            for (var sample = 0; sample < 200; sample++)
            {
                var delay = RetryDelays.Compute(RetryBackoff.Exponential, retryNumber, Options, random.NextDouble());
                Assert.InRange(delay, TimeSpan.Zero, ceiling);
            }
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Compute_ExponentialManyRetries_CappedAtMaxDelayWithoutOverflow(int retryNumber) =>
        Assert.Equal(Options.MaxDelay, RetryDelays.Compute(RetryBackoff.Exponential, retryNumber, Options, 1.0));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Compute_Fixed_ReturnsBaseDelay(int retryNumber) =>
        Assert.Equal(Options.BaseDelay, RetryDelays.Compute(RetryBackoff.Fixed, retryNumber, Options, 0.3));

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Compute_None_ReturnsZero(int retryNumber) =>
        Assert.Equal(TimeSpan.Zero, RetryDelays.Compute(RetryBackoff.None, retryNumber, Options, 0.9));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Compute_RetryNumberBelowOne_Throws(int retryNumber) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryDelays.Compute(RetryBackoff.Exponential, retryNumber, Options, 0.5));
}
