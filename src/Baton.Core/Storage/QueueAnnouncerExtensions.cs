using Baton.Core.Application;

namespace Baton.Core.Storage;

/// <summary>Conveniences over <see cref="IQueueAnnouncer"/>.</summary>
public static class QueueAnnouncerExtensions
{
    /// <summary>
    /// Tells the other nodes of <paramref name="change"/>: a cancel or a person's request of a running task as
    /// attention (the attempt may run on another node, which then looks at once rather than at its next lease
    /// renewal), anything else as queued work.
    /// </summary>
    public static void Announce(this IQueueAnnouncer announcer, WorkChange change)
    {
        if (change is WorkChange.CancelRequested or WorkChange.Attention)
        {
            announcer.AnnounceAttention();
        }
        else
        {
            announcer.Announce();
        }
    }
}
