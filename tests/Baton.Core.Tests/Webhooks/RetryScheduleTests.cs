using Baton.Core.Webhooks;

namespace Baton.Core.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Default_EightAttempts_ImmediatelyThenUpToTenHours()
    {
        var delays = RetrySchedule.Default.Delays;

        Assert.Equal(8, RetrySchedule.Default.MaxAttempts);
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            delays);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(7, 36000)]
    public void NextAttemptAt_AfterFailedAttempt_TakesTheScheduledDelay(int attemptsMade, int seconds) =>
        Assert.Equal(Now.AddSeconds(seconds), RetrySchedule.Default.NextAttemptAt(attemptsMade, Now));

    [Fact]
    public void NextAttemptAt_ScheduleUsedUp_Null() => Assert.Null(RetrySchedule.Default.NextAttemptAt(8, Now));

    [Fact]
    public void NextAttemptAt_RetryAfterLater_TakesRetryAfter() =>
        Assert.Equal(Now.AddSeconds(120), RetrySchedule.Default.NextAttemptAt(1, Now, TimeSpan.FromSeconds(120)));

    [Fact]
    public void NextAttemptAt_RetryAfterEarlier_KeepsSchedule() =>
        Assert.Equal(Now.AddMinutes(5), RetrySchedule.Default.NextAttemptAt(2, Now, TimeSpan.FromSeconds(1)));

    [Fact]
    public void NextAttemptAt_RetryAfterHuge_CappedAt24Hours() =>
        Assert.Equal(Now.AddHours(24), RetrySchedule.Default.NextAttemptAt(1, Now, TimeSpan.FromDays(30)));

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 0 ", 0)]
    [InlineData("Tue, 01 Jan 2030 00:01:00 GMT", 60)]
    [InlineData("Mon, 31 Dec 2029 23:00:00 GMT", 0)]
    public void Parse_SecondsOrHttpDate_Delay(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Parse_Unreadable_Null(string? value) => Assert.Null(RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData("0s", 0)]
    [InlineData("5s", 5)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    public void TryParse_DurationText_Seconds(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.TryParse(text));

    [Theory]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("5w")]
    [InlineData("-5s")]
    public void TryParse_NotADuration_Null(string text) => Assert.Null(DurationText.TryParse(text));
}
