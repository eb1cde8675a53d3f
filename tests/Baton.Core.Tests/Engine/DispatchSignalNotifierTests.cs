using Baton.Core.Engine;
using Baton.Core.Tests.Testing;

namespace Baton.Core.Tests.Engine;

public sealed class DispatchSignalNotifierTests
{
    [Fact]
    public async Task NotifyAsync_Always_SignalsAnExternalChange()
    {
        var signal = new DispatchSignal();
        var notifier = new DispatchSignalNotifier(signal);

        await notifier.NotifyAsync();

        Assert.True(signal.WaitAsync(TimeSpan.FromHours(1), new ManualTimeProvider()).IsCompletedSuccessfully);
        Assert.True(signal.TakeExternalChange());
    }
}
