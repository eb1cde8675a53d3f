using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Webhooks;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// The outbox of one SQLite write transaction: appends the events Core decided and the webhook deliveries Core
/// routes them to. Positions are in commit order because SQLite has one writer: the transaction holds the write
/// lock (BEGIN IMMEDIATE) from its first statement, and an id is max(id) + 1 taken under it.
/// </summary>
internal sealed class SqliteEventAppender(WriteSession session) : IEventAppender
{
    private const string InsertSql = """
        INSERT INTO events (type, at, task_id, workflow_id, phase_id, attempt, status, old_status, message, owner, notify)
        VALUES ($type, $at, $task, $workflow, $phase, $attempt, $status, $old, $message, $owner, $notify) RETURNING id
        """;

    private const string DeliverySql = """
        INSERT INTO webhook_deliveries (id, event_id, subscription_id, endpoint_id, status, next_attempt_at, created_at)
        VALUES ($id, $event, $subscription, $endpoint, $status, $at, $at)
        """;

    // The routes are checked once per transaction (under its write lock no other process can change them before it
    // commits), and again after this transaction changed them itself.
    private bool routesChecked;

    /// <summary>This transaction changed the subscriptions: record it, so every writer reads them afresh.</summary>
    public async Task RoutesChangedAsync(CancellationToken cancellationToken)
    {
        await session.Command(WebhookRoutes.ChangedSql).With("$version", Random.Shared.NextInt64(1, long.MaxValue)).ExecuteNonQueryAsync(cancellationToken);
        routesChecked = false;
    }

    /// <inheritdoc />
    public async ValueTask<long> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default)
    {
        var at = ToUnixMs(draft.At);
        var inserted = await session.Command(InsertSql)
            .With("$type", draft.Type).With("$at", at).With("$task", draft.TaskId).With("$workflow", draft.WorkflowId)
            .With("$phase", draft.PhaseId).With("$attempt", draft.Attempt).With("$status", draft.Status).With("$old", draft.OldStatus)
            .With("$message", draft.Message).With("$owner", draft.Owner).With("$notify", draft.Notify)
            .ExecuteScalarAsync(cancellationToken);
        // No row comes back only where a tool (the benchmark's switch) made the database ignore the insert.
        var id = inserted is long position ? position : 0;
        if (draft.Type == EventTypes.WebhookTest || id == 0)
        {
            return id;
        }

        if (!routesChecked)
        {
            await session.Routes.RefreshAsync(session, cancellationToken);
            routesChecked = true;
        }

        if (!session.Routes.IsEmpty)
        {
            foreach (var target in session.Routes.CandidatesFor(draft).Where(t => WebhookRouting.Matches(t, draft)).ToList())
            {
                await QueueAsync(id, target.SubscriptionId, target.EndpointId, draft.At, cancellationToken);
            }
        }

        return id;
    }

    /// <summary>Appends <paramref name="draft"/> if the rules made one (a change that is no event makes none).</summary>
    public async ValueTask AppendIfAnyAsync(EventDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            await AppendAsync(draft, cancellationToken);
        }
    }

    /// <summary>Queues one delivery of event <paramref name="eventId"/> to one subscription, due at once; returns its id.</summary>
    public async Task<string> QueueAsync(long eventId, string subscriptionId, string endpointId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var deliveryId = WebhookRouting.NewDeliveryId(at);
        await session.Command(DeliverySql).With("$id", deliveryId).With("$event", eventId).With("$subscription", subscriptionId)
            .With("$endpoint", endpointId).With("$status", DeliveryStatuses.Pending).With("$at", ToUnixMs(at)).ExecuteNonQueryAsync(cancellationToken);
        return deliveryId;
    }
}
