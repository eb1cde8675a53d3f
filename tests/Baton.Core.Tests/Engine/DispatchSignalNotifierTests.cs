using Baton.Core.Application;
using Baton.Core.Engine;
using Baton.Core.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Engine;

public sealed class DispatchSignalNotifierTests
{
    [Fact]
    public async Task NotifyAsync_Queued_WakesWithoutACancelCheck()
    {
        var signal = new DispatchSignal();
        var notifier = new DispatchSignalNotifier(signal);

        await notifier.NotifyAsync(WorkChange.Queued);

        Assert.True(signal.WaitAsync(TimeSpan.FromHours(1), new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))).IsCompletedSuccessfully);
        Assert.False(signal.TakeAttention());
    }

    [Fact]
    public async Task NotifyAsync_CancelRequested_WakesAndFlagsTheCancel()
    {
        var signal = new DispatchSignal();
        var notifier = new DispatchSignalNotifier(signal);

        await notifier.NotifyAsync(WorkChange.CancelRequested);

        Assert.True(signal.WaitAsync(TimeSpan.FromHours(1), new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))).IsCompletedSuccessfully);
        Assert.True(signal.TakeAttention());
    }
}
