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
        INSERT INTO events (type, at, task_id, workflow_id, phase_id, attempt, status, old_status, message, owner, notify, data)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """;

    private const string DeliverySql = """
        INSERT INTO webhook_deliveries (id, event_id, subscription_id, endpoint_id, status, next_attempt_at, created_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
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
        var id = session.Raw(InsertSql).Bind(1, draft.Type).Bind(2, at).Bind(3, draft.TaskId).Bind(4, draft.WorkflowId)
            .Bind(5, draft.PhaseId).Bind(6, (long?)draft.Attempt).Bind(7, draft.Status).Bind(8, draft.OldStatus)
            .Bind(9, draft.Message).Bind(10, draft.Owner).Bind(11, draft.Notify).Bind(12, draft.Data).Insert();
        // No row is inserted only where a tool (the benchmark's switch) made the database ignore the insert.
        if (id != 0)
        {
            // As a reader of the table would get it: times are kept to the millisecond.
            session.Appended.Add(new EventRecord(id, draft.Type, FromUnixMs(at), draft.TaskId, draft.WorkflowId, draft.PhaseId,
                draft.Attempt, draft.Status, draft.OldStatus, draft.Message, draft.Data));
        }

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
        session.Raw(DeliverySql).Bind(1, deliveryId).Bind(2, eventId).Bind(3, subscriptionId).Bind(4, endpointId)
            .Bind(5, DeliveryStatuses.Pending).Bind(6, ToUnixMs(at)).Insert();
        return deliveryId;
    }
}
