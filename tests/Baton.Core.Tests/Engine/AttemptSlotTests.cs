using Baton.Core.Engine;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Engine;

public sealed class AttemptSlotTests
{
    [Fact]
    public void TryStop_FirstReason_WinsAndCancelsToken()
    {
        using var slot = new AttemptSlot();

        Assert.True(slot.TryStop(StopReason.Cancelled));
        Assert.False(slot.TryStop(StopReason.Timeout));
        Assert.False(slot.TryStop(StopReason.Shutdown));

        Assert.Equal(StopReason.Cancelled, slot.Reason);
        Assert.True(slot.Token.IsCancellationRequested);
    }

    [Fact]
    public void Seal_AfterStop_ReturnsTheStopReason()
    {
        using var slot = new AttemptSlot();
        slot.TryStop(StopReason.LeaseLost);

        Assert.Equal(StopReason.LeaseLost, slot.Seal());
        Assert.Equal(StopReason.LeaseLost, slot.Reason);
    }

    [Fact]
    public void Seal_AfterNaturalEnd_LaterStopsAreRefused()
    {
        using var slot = new AttemptSlot();

        Assert.Equal(StopReason.None, slot.Seal());
        Assert.False(slot.TryStop(StopReason.Timeout));

        Assert.Equal(StopReason.None, slot.Reason);
        Assert.False(slot.Token.IsCancellationRequested);
    }

    [Fact]
    public void Seal_Twice_KeepsNone()
    {
        using var slot = new AttemptSlot();
        slot.Seal();

        Assert.Equal(StopReason.None, slot.Seal());
    }

    [Fact]
    public void StopAfter_TimeAdvancedPastDelay_StopsWithTimeout()
    {
        var time = new TimerCountingTimeProvider();
        using var slot = new AttemptSlot();
        slot.StopAfter(TimeSpan.FromSeconds(30), time);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(StopReason.None, slot.Reason);
        Assert.False(slot.Token.IsCancellationRequested);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StopReason.Timeout, slot.Reason);
        Assert.True(slot.Token.IsCancellationRequested);
    }

    [Fact]
    public void StopAfter_AttemptSealedBeforeDelay_TimeoutDoesNotRelabelIt()
    {
        var time = new TimerCountingTimeProvider();
        using var slot = new AttemptSlot();
        slot.StopAfter(TimeSpan.FromSeconds(30), time);
        slot.Seal();

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(StopReason.None, slot.Reason);
        Assert.False(slot.Token.IsCancellationRequested);
    }

    [Fact]
    public void StopAfter_AlreadyCancelled_TimeoutDoesNotReplaceReason()
    {
        var time = new TimerCountingTimeProvider();
        using var slot = new AttemptSlot();
        slot.StopAfter(TimeSpan.FromSeconds(30), time);
        slot.TryStop(StopReason.Cancelled);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(StopReason.Cancelled, slot.Seal());
    }

    [Fact]
    public void Dispose_PendingTimeout_RemovesTheTimer()
    {
        var time = new TimerCountingTimeProvider();
        var slot = new AttemptSlot();
        slot.StopAfter(TimeSpan.FromSeconds(30), time);
        Assert.Equal(1, time.ActiveTimers);

        slot.Dispose();

        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public void HoldTimeout_WhileHeld_TimeDoesNotCountAndRunsOnAfterRelease()
    {
        var time = new TimerCountingTimeProvider();
        using var slot = new AttemptSlot();
        slot.StopAfter(TimeSpan.FromSeconds(30), time);

        time.Advance(TimeSpan.FromSeconds(20));
        slot.HoldTimeout();
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(StopReason.None, slot.Reason);

        slot.ReleaseTimeout();
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(StopReason.None, slot.Reason);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StopReason.Timeout, slot.Reason);
    }

    [Fact]
    public void HoldTimeout_Nested_ClockRunsOnlyAfterTheLastRelease()
    {
        var time = new TimerCountingTimeProvider();
        using var slot = new AttemptSlot();
        slot.StopAfter(TimeSpan.FromSeconds(10), time);
        slot.HoldTimeout();
        slot.HoldTimeout();

        slot.ReleaseTimeout();
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(StopReason.None, slot.Reason);

        slot.ReleaseTimeout();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(StopReason.Timeout, slot.Reason);
    }

    [Fact]
    public void TryStopAfter_TakesTheReasonAtOnceAndCancelsOnlyAfterTheGrace()
    {
        var time = new TimerCountingTimeProvider();
        using var slot = new AttemptSlot();

        Assert.True(slot.TryStopAfter(StopReason.Paused, TimeSpan.FromSeconds(5), time));
        Assert.False(slot.TryStop(StopReason.Timeout));
        Assert.Equal(StopReason.Paused, slot.Reason);
        Assert.False(slot.Token.IsCancellationRequested);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(slot.Token.IsCancellationRequested);
        Assert.Equal(StopReason.Paused, slot.Seal());
    }
}
