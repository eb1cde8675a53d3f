using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Webhooks;
using Npgsql;
using NpgsqlTypes;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// The outbox of one PostgreSQL write transaction: appends the events Core decided and the webhook deliveries Core
/// routes them to. Positions are in commit order across concurrent writers because ids are taken from a sequence
/// only under the event lock (<c>pg_advisory_xact_lock</c>), which is held to commit. To hold that lock as briefly
/// as possible, the store's own events wait in memory and are written together just before the commit
/// (<see cref="FlushAsync"/>); only an append whose position is asked for (<see cref="AppendAsync"/>) writes at once,
/// after the waiting ones, so the order of appends is always the order of ids.
/// </summary>
internal sealed class PostgresEventAppender(PgSession session) : IEventAppender
{
    /// <summary>The advisory lock key that orders event ids ('BATN' and 1).</summary>
    public const long EventLockKey = 0x4241544E_0001;

    private const string LockSql = "SELECT pg_advisory_xact_lock(@key)";
    private const string VersionSql = "SELECT version FROM webhook_routing WHERE id = 1";
    // Ids from the sequence in the order of the rows (a function scan yields the arrays in order, and each row's
    // nextval is taken as it passes), so the order of appends is the order of ids.
    private const string InsertSql = """
        INSERT INTO events (id, type, at, task_id, workflow_id, phase_id, attempt, status, old_status, message, owner, notify, data)
        SELECT nextval('event_ids'), * FROM unnest(@types, @ats, @tasks, @workflows, @phases, @attempts, @statuses, @olds, @messages, @owners, @notifies, @datas)
        RETURNING id
        """;

    private const string DeliverySql = """
        INSERT INTO webhook_deliveries (id, event_id, subscription_id, endpoint_id, status, next_attempt_at, created_at)
        SELECT d.id, d.event_id, d.subscription_id, d.endpoint_id, 'pending', d.at, d.at
        FROM unnest(@deliveries, @events, @subscriptions, @endpoints, @ats) AS d (id, event_id, subscription_id, endpoint_id, at)
        """;

    private readonly List<EventDraft> waiting = [];
    private bool locked;
    private WebhookRoutes? routes;

    /// <summary>Appends <paramref name="draft"/> now (after any waiting ones) and returns its position.</summary>
    public async ValueTask<long> AppendAsync(EventDraft draft, CancellationToken cancellationToken = default)
    {
        waiting.Add(draft);
        var ids = await FlushAsync(cancellationToken);
        return ids[^1];
    }

    /// <summary>Appends <paramref name="draft"/> (if the rules made one) with the commit; its position is not needed.</summary>
    public ValueTask AppendIfAnyAsync(EventDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            waiting.Add(draft);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>This transaction changed the subscriptions: record it (under the event lock), so every writer reads them afresh.</summary>
    public async Task RoutesChangedAsync(CancellationToken cancellationToken)
    {
        await LockAsync(cancellationToken);
        await session.Command("UPDATE webhook_routing SET version = @version WHERE id = 1")
            .With("version", Random.Shared.NextInt64(1, long.MaxValue)).ExecuteNonQueryAsync(cancellationToken);
        routes = null;
    }

    /// <summary>Queues one delivery of event <paramref name="eventId"/> to one subscription, due at once; returns its id.</summary>
    public async Task<string> QueueAsync(long eventId, string subscriptionId, string endpointId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var deliveryId = WebhookRouting.NewDeliveryId(at);
        await Deliveries([deliveryId], [eventId], [subscriptionId], [endpointId], [ToUnixMs(at)]).ExecuteNonQueryAsync(cancellationToken);
        session.Changed = true;
        return deliveryId;
    }

    /// <summary>
    /// Writes the waiting events and their deliveries, taking the event lock first; returns their ids. One round
    /// trip holds the lock, the version check and the insert; a second only where subscriptions may hear them.
    /// </summary>
    public async Task<IReadOnlyList<long>> FlushAsync(CancellationToken cancellationToken)
    {
        if (waiting.Count == 0)
        {
            return [];
        }

        var ids = new long[waiting.Count];
        var version = (long?)null;
        await using (var batch = session.Batch())
        {
            if (!locked)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(LockSql) { Parameters = { new NpgsqlParameter("key", EventLockKey) } });
            }

            if (routes is null)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(VersionSql));
            }

            batch.BatchCommands.Add(Insert());
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (!locked)
            {
                await reader.NextResultAsync(cancellationToken);
                locked = true;
            }

            if (routes is null)
            {
                await reader.ReadAsync(cancellationToken);
                version = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken);
            }

            for (var i = 0; i < ids.Length && await reader.ReadAsync(cancellationToken); i++)
            {
                ids[i] = reader.GetInt64(0);
            }
        }

        // Rising already; sorted so that no plan's row order could ever pair an id with another event.
        Array.Sort(ids);
        if (version is { } current)
        {
            var known = session.Database.Routes;
            routes = known.Version == current ? known : await WebhookRoutes.ReadAsync(session, current, cancellationToken);
            session.Database.Routes = routes;
        }

        await QueueDeliveriesAsync(ids, cancellationToken);
        for (var i = 0; i < ids.Length; i++)
        {
            // As a reader of the table would get it: times are kept to the millisecond.
            var draft = waiting[i];
            session.Appended.Add(new EventRecord(ids[i], draft.Type, FromUnixMs(ToUnixMs(draft.At)), draft.TaskId, draft.WorkflowId, draft.PhaseId,
                draft.Attempt, draft.Status, draft.OldStatus, draft.Message, draft.Data));
        }

        waiting.Clear();
        session.Changed = true;
        return ids;
    }

    private NpgsqlBatchCommand Insert()
    {
        var insert = new NpgsqlBatchCommand(InsertSql);
        Texts(insert, "types", waiting.Select(d => d.Type));
        insert.Parameters.Add(new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = waiting.Select(d => ToUnixMs(d.At)).ToArray() });
        Texts(insert, "tasks", waiting.Select(d => d.TaskId));
        Texts(insert, "workflows", waiting.Select(d => d.WorkflowId));
        Texts(insert, "phases", waiting.Select(d => d.PhaseId));
        insert.Parameters.Add(new NpgsqlParameter("attempts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = waiting.Select(d => d.Attempt).ToArray() });
        Texts(insert, "statuses", waiting.Select(d => d.Status));
        Texts(insert, "olds", waiting.Select(d => d.OldStatus));
        Texts(insert, "messages", waiting.Select(d => d.Message));
        Texts(insert, "owners", waiting.Select(d => d.Owner));
        Texts(insert, "notifies", waiting.Select(d => d.Notify));
        Texts(insert, "datas", waiting.Select(d => d.Data));
        return insert;
    }

    private async Task QueueDeliveriesAsync(long[] ids, CancellationToken cancellationToken)
    {
        if (routes is not { IsEmpty: false } known)
        {
            return;
        }

        List<string> deliveries = [], subscriptions = [], endpoints = [];
        List<long> events = [], ats = [];
        for (var i = 0; i < waiting.Count; i++)
        {
            var draft = waiting[i];
            foreach (var target in known.CandidatesFor(draft).Where(t => WebhookRouting.Matches(t, draft)))
            {
                deliveries.Add(WebhookRouting.NewDeliveryId(draft.At));
                events.Add(ids[i]);
                subscriptions.Add(target.SubscriptionId);
                endpoints.Add(target.EndpointId);
                ats.Add(ToUnixMs(draft.At));
            }
        }

        if (deliveries.Count > 0)
        {
            await using var queue = Deliveries(deliveries, [.. events], subscriptions, endpoints, [.. ats]);
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private NpgsqlCommand Deliveries(IReadOnlyList<string> ids, long[] events, IReadOnlyList<string> subscriptions, IReadOnlyList<string> endpoints, long[] ats) =>
        session.Command(DeliverySql).With("deliveries", ids).With("events", events).With("subscriptions", subscriptions).With("endpoints", endpoints).With("ats", ats);

    private static void Texts(NpgsqlBatchCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });

    private async Task LockAsync(CancellationToken cancellationToken)
    {
        if (!locked)
        {
            await session.Command(LockSql).With("key", EventLockKey).ExecuteNonQueryAsync(cancellationToken);
            locked = true;
        }
    }
}
