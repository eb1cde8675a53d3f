using Baton.Core.Application;

namespace Baton.Core.Engine;

/// <summary>The notifier for front ends that live inside the daemon: it signals the dispatcher directly.</summary>
public sealed class DispatchSignalNotifier(DispatchSignal signal) : IWorkNotifier
{
    /// <inheritdoc />
    public Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default)
    {
        if (change is WorkChange.CancelRequested or WorkChange.Attention)
        {
            signal.NotifyAttention();
        }
        else
        {
            signal.NotifyWorkQueued();
        }

        return Task.CompletedTask;
    }
}
