using Baton.Core.Events;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Events;

public sealed class ChangeSignalTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Next_NotifiedAfterItWasTaken_Completes()
    {
        var signal = new ChangeSignal();
        var next = signal.Next();

        signal.Notify();

        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public void Next_TakenAfterTheNotification_WaitsForTheNextOne()
    {
        var signal = new ChangeSignal();
        signal.Next();
        signal.Notify();

        var next = signal.Next();

        Assert.False(next.IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_NoChange_ReturnsWhenTheTimeoutPassesOnTheClock()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new ChangeSignal();
        var wait = ChangeWaits.WaitAsync(signal.Next(), TimeSpan.FromSeconds(5), time);
        Assert.Equal(1, time.ActiveTimers);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await wait.WaitAsync(Bound);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public async Task WaitAsync_ChangeBeforeTheTimeout_ReturnsAndReleasesTheTimer()
    {
        var time = new TimerCountingTimeProvider();
        var signal = new ChangeSignal();
        var wait = ChangeWaits.WaitAsync(signal.Next(), TimeSpan.FromHours(1), time);

        signal.Notify();

        await wait.WaitAsync(Bound);
        Assert.Equal(0, time.ActiveTimers);
    }
}
