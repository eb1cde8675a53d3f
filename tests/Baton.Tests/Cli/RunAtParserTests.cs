using Baton.Cli;
using Baton.Core.Errors;

namespace Baton.Tests.Cli;

public sealed class RunAtParserTests
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("+99999999d")]
    [InlineData("+99999999999999999999s")]
    [InlineData("+36501d")]
    [InlineData("2200-01-01T00:00:00Z")]
    [InlineData("2200-01-01 10:00")]
    public void Parse_TooFarAhead_IsInvalidInputNotAnOverflow(string text)
    {
        var error = Assert.Throws<BatonException>(() => RunAtParser.Parse(text, Clock));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("more than 100 years away", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+10m", 600)]
    [InlineData("+2d", 172800)]
    [InlineData("+1.5h", 5400)]
    public void Parse_Delay_IsFromNow(string text, int seconds) =>
        Assert.Equal(Clock.GetUtcNow().AddSeconds(seconds), RunAtParser.Parse(text, Clock));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
