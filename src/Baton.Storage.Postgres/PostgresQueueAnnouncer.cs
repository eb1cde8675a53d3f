using Baton.Core.Events;
using Baton.Core.Storage;

namespace Baton.Storage.Postgres;

/// <summary>
/// Announcements of queued work (and of a person's requests of running tasks) between nodes: a coalesced <c>NOTIFY baton_work</c> on a connection of its own (never
/// inside a write transaction), heard by every node's listener; a node ignores its own.
/// </summary>
internal sealed class PostgresQueueAnnouncer(PostgresDatabase database) : IQueueAnnouncer
{
    /// <inheritdoc />
    public void Announce() => database.AnnounceWork();

    /// <inheritdoc />
    public IChangeSignal Announced => database.Announced;

    /// <inheritdoc />
    public void AnnounceAttention() => database.AnnounceAttention();

    /// <inheritdoc />
    public IChangeSignal AttentionAnnounced => database.AttentionAnnounced;

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default) => database.FlushAnnouncementsAsync(cancellationToken);
}
