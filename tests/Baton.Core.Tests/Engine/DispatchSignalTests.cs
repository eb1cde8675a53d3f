using Baton.Core.Engine;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Engine;

public sealed class DispatchSignalTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WaitAsync_NotifiedBefore_ReturnsAtOnce()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new DispatchSignal();
        signal.Notify();

        var wait = signal.WaitAsync(TimeSpan.FromHours(1), time);

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
    }

    [Fact]
    public async Task WaitAsync_ManyNotifies_CoalesceIntoOneWakeUp()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new DispatchSignal();
        signal.Notify();
        signal.Notify();
        signal.Notify();
        await signal.WaitAsync(TimeSpan.FromHours(1), time);

        var second = signal.WaitAsync(TimeSpan.FromHours(1), time);

        Assert.False(second.IsCompleted);
        signal.Notify();
        await second.WaitAsync(Bound);
    }

    [Fact]
    public async Task WaitAsync_NotifiedWhileWaiting_ReturnsAndRemovesItsTimer()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new DispatchSignal();
        var wait = signal.WaitAsync(TimeSpan.FromHours(1), time);
        Assert.Equal(1, time.ActiveTimers);

        signal.Notify();
        await wait.WaitAsync(Bound);

        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public async Task WaitAsync_NoSignal_ReturnsWhenTimeoutPasses()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new DispatchSignal();
        var wait = signal.WaitAsync(TimeSpan.FromSeconds(5), time);

        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(wait.IsCompleted);

        time.Advance(TimeSpan.FromTicks(1));
        await wait.WaitAsync(Bound);
    }

    [Fact]
    public async Task WaitAsync_TokenCancelled_Throws()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new DispatchSignal();
        using var cancel = new CancellationTokenSource();
        var wait = signal.WaitAsync(TimeSpan.FromHours(1), time, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Bound));
    }

    [Fact]
    public void TakeAttention_AfterNotifyAttention_TrueExactlyOnce()
    {
        var signal = new DispatchSignal();
        signal.NotifyAttention();

        Assert.True(signal.TakeAttention());
        Assert.False(signal.TakeAttention());
    }

    [Fact]
    public void TakeAttention_AfterPlainNotify_False()
    {
        var signal = new DispatchSignal();
        signal.Notify();

        Assert.False(signal.TakeAttention());
    }

    [Fact]
    public async Task NotifyAttention_BeforeWait_AlsoWakesTheDispatcher()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new DispatchSignal();
        signal.NotifyAttention();

        var wait = signal.WaitAsync(TimeSpan.FromHours(1), time);

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
        Assert.True(signal.TakeAttention());
    }
}
