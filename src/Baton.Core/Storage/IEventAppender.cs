using Baton.Core.Events;

namespace Baton.Core.Storage;

/// <summary>
/// The store's outbox for events, bound to one write transaction: it persists the events Core decided
/// (<see cref="EventRules"/>), and with each the webhook deliveries <see cref="Webhooks.WebhookRouting"/> picks,
/// committing with the change they record or not at all.
/// </summary>
/// <remarks>
/// Positions: appends are serialised in commit order, so a reader that resumed after position P never misses an
/// event that commits later with a smaller id. SQLite gets this from its single writer (every write transaction is
/// BEGIN IMMEDIATE, and an id is max(id) + 1 taken inside it); a store with concurrent writers must take one
/// transaction-level lock before its first append (PostgreSQL: <c>pg_advisory_xact_lock</c>), held to commit.
/// Ids are never reused: pruning keeps the newest event.
/// </remarks>
public interface IEventAppender
{
    /// <summary>Appends <paramref name="draft"/> and queues its webhook deliveries; returns its position.</summary>
    ValueTask<long> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default);
}
