using Baton.Core.Application;
using Baton.Core.Storage;

namespace Baton.Core.Engine;

/// <summary>
/// Tells this process's engine of queued work and of a person's requests of running tasks (through
/// <paramref name="local"/>) and, where the store is shared across machines, the other nodes too (<see cref="IQueueAnnouncer"/>), so that any idle node claims it at once.
/// </summary>
public sealed class AnnouncingWorkNotifier(IWorkNotifier local, IQueueAnnouncer? announcer) : IWorkNotifier
{
    /// <inheritdoc />
    public async Task NotifyAsync(WorkChange change, CancellationToken cancellationToken = default)
    {
        await local.NotifyAsync(change, cancellationToken);
        announcer?.Announce(change);
    }
}
