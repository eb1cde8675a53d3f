using Baton.Core.Notifications;

namespace Baton.Core.Storage;

/// <summary>The notifications the event log fans out to their owners (the store's trigger writes them).</summary>
public interface INotificationStore
{
    /// <summary>
    /// The notifications that match <paramref name="query"/>, newest first. Unless it is a peek, those not delivered
    /// yet are marked delivered at <paramref name="now"/> in the same transaction, and returned so.
    /// </summary>
    Task<IReadOnlyList<NotificationRecord>> TakeAsync(NotificationQuery query, DateTimeOffset now, CancellationToken cancellationToken = default);
}
