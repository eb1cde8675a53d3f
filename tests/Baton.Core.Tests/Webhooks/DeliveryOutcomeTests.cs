using Baton.Core.Webhooks;

namespace Baton.Core.Tests.Webhooks;

public sealed class DeliveryOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(299)]
    public void Decide_2xx_Delivered(int code) =>
        Assert.Equal(DeliveryVerdict.Delivered, DeliveryOutcome.Decide(AttemptResult.Answered(code), 1, RetrySchedule.Default, Now).Verdict);

    [Fact]
    public void Decide_410_DisablesEndpoint() =>
        Assert.Equal(DeliveryVerdict.DisableEndpoint, DeliveryOutcome.Decide(AttemptResult.Answered(410), 1, RetrySchedule.Default, Now).Verdict);

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    public void Decide_Redirect_FailureRetriedAndSaysSo(int code)
    {
        var outcome = DeliveryOutcome.Decide(AttemptResult.Answered(code), 1, RetrySchedule.Default, Now);

        Assert.Equal((DeliveryVerdict.Retry, Now.AddSeconds(5)), (outcome.Verdict, outcome.NextAttemptAt));
        Assert.Contains("redirects are not followed", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void Decide_ErrorStatus_Retry(int code) =>
        Assert.Equal(DeliveryVerdict.Retry, DeliveryOutcome.Decide(AttemptResult.Answered(code), 1, RetrySchedule.Default, Now).Verdict);

    [Fact]
    public void Decide_429WithRetryAfter_RetryAtTheLaterTime() =>
        Assert.Equal(Now.AddSeconds(60), DeliveryOutcome.Decide(AttemptResult.Answered(429, TimeSpan.FromSeconds(60)), 1, RetrySchedule.Default, Now).NextAttemptAt);

    [Fact]
    public void Decide_TimeoutOnLastAttempt_GiveUpWithTheError()
    {
        var outcome = DeliveryOutcome.Decide(AttemptResult.NoAnswer("no answer within 15 s"), 8, RetrySchedule.Default, Now);

        Assert.Equal((DeliveryVerdict.GiveUp, "no answer within 15 s"), (outcome.Verdict, outcome.Error));
    }

    [Fact]
    public void Decide_RefusedAddress_GiveUpAtOnce() =>
        Assert.Equal(DeliveryVerdict.GiveUp, DeliveryOutcome.Decide(AttemptResult.Refused("link-local"), 1, RetrySchedule.Default, Now).Verdict);
}
