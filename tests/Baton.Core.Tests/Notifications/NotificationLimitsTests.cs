using Baton.Core.Notifications;

namespace Baton.Core.Tests.Notifications;

public sealed class NotificationLimitsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void LimitProblem_OutOfRange_NamesTheBounds(int limit) =>
        Assert.Equal($"limit must be between 1 and 100 (got {limit})", NotificationLimits.LimitProblem(limit));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void MessageProblem_Empty_SaysItMustNotBe(string? message) =>
        Assert.StartsWith("message must not be empty", NotificationLimits.MessageProblem(message));

    [Fact]
    public void MessageProblem_FourKibibytesInUtf8_IsTheLimit()
    {
        Assert.Null(NotificationLimits.MessageProblem(new string('a', 4096)));
        // Two bytes each in UTF-8: 2,050 characters are 4,100 bytes.
        Assert.Equal("message is 4100 bytes long; the limit is 4096 (4 KiB)", NotificationLimits.MessageProblem(new string('é', 2050)));
    }
}
