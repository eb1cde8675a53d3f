using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Text;
using Baton.Core.Webhooks;
using Npgsql;
using NpgsqlTypes;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>
/// The outbox of one PostgreSQL write transaction: appends the events Core decided and the webhook deliveries Core
/// routes them to. Ids come from a sequence and writers do not wait for each other (a lock held to commit would
/// make every event-writing commit wait for the previous one's flush), so a lower id can commit after a higher
/// one: readers stop at the <see cref="EventHorizon"/>, which needs every writer to hold a transaction id before
/// it takes an event id. The store's own events wait in memory and are written together just before the commit
/// (<see cref="FlushAsync"/>), so ids are in flight for as short a time as possible; only an append whose position
/// is asked for (<see cref="AppendAsync"/>) writes at once, after the waiting ones, so the order of appends is
/// always the order of ids.
/// </summary>
internal sealed class PostgresEventAppender(PgSession session) : IEventAppender
{
    /// <summary>
    /// The advisory lock key of the webhook routes ('BATN' and 1). Writers of events hold it shared (they do not wait
    /// for each other) from reading the routes to their commit; a change of subscriptions holds it exclusively, so
    /// no event commits routed by subscriptions that changed meanwhile.
    /// </summary>
    public const long RoutesLockKey = 0x4241544E_0001;

    private const string SharedLockSql = "SELECT pg_advisory_xact_lock_shared(@key)";
    private const string ExclusiveLockSql = "SELECT pg_advisory_xact_lock(@key)";
    private const string VersionSql = "SELECT version FROM webhook_routing WHERE id = 1";

    // Fails (division by zero) unless the subscriptions are still those of version @known: a statement can stop a
    // transaction whose commit is already on its way in the same round trip only by failing.
    private const string VersionGuardSql = "SELECT 1 / (version = @known)::int FROM webhook_routing WHERE id = 1";

    // Assigns this transaction its id if it has none yet, before it takes event ids (see EventHorizon).
    private const string TransactionIdSql = "SELECT pg_current_xact_id()";
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

    /// <summary>This transaction changed the subscriptions: record it (under the routes lock, held exclusively), so every writer reads them afresh.</summary>
    public async Task RoutesChangedAsync(CancellationToken cancellationToken)
    {
        // Before this transaction appends events: two changers that held it shared first would wait for each other.
        await session.Command(ExclusiveLockSql).With("key", RoutesLockKey).ExecuteNonQueryAsync(cancellationToken);
        locked = true;
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
    /// Writes the waiting events and their deliveries, holding the routes lock shared; returns their ids. One round
    /// trip holds the lock, the transaction id, the version check and the insert; a second only where subscriptions
    /// may hear them.
    /// </summary>
    public async Task<IReadOnlyList<long>> FlushAsync(CancellationToken cancellationToken) => (await SendAsync(commit: false, cancellationToken)).Ids;

    /// <summary>
    /// Sends the writes the transaction deferred and the waiting events, and commits in the same round trip where
    /// no webhook delivery can follow the events (no subscription exists, as this process last read them, and the
    /// version check proves it still holds under the lock). Returns false if the transaction is still to be committed.
    /// </summary>
    public async Task<bool> CommitAsync(CancellationToken cancellationToken) => (await SendAsync(commit: true, cancellationToken)).Committed;

    private async Task<(long[] Ids, bool Committed)> SendAsync(bool commit, CancellationToken cancellationToken)
    {
        var deferred = session.TakeDeferred();
        if (waiting.Count == 0 && deferred.Count == 0)
        {
            return ([], false);
        }

        // With the commit in the batch nothing can be written after the events: so only where the routes are
        // known to be none, checked (not read) under the lock, the transaction failing if they changed.
        var known = routes ?? session.Database.Routes;
        commit = commit && known.IsEmpty && known != WebhookRoutes.Unknown;
        var guarded = commit && routes is null && waiting.Count > 0;
        var ids = new long[waiting.Count];
        var version = (long?)null;
        await using (var batch = session.Batch())
        {
            foreach (var write in deferred)
            {
                batch.BatchCommands.Add(write);
            }

            var before = 0;
            if (waiting.Count > 0)
            {
                before = 1;
                if (!locked)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(SharedLockSql) { Parameters = { new NpgsqlParameter("key", RoutesLockKey) } });
                    before++;
                }

                batch.BatchCommands.Add(new NpgsqlBatchCommand(TransactionIdSql));
                if (guarded)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(VersionGuardSql) { Parameters = { new NpgsqlParameter("known", known.Version) } });
                    before++;
                }
                else if (routes is null)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(VersionSql));
                }

                batch.BatchCommands.Add(Insert());
            }

            var commitCommand = new NpgsqlBatchCommand("COMMIT");
            if (commit)
            {
                batch.BatchCommands.Add(commitCommand);
                session.CommitSent = true;
            }

            try
            {
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                if (waiting.Count > 0)
                {
                    // Statements without rows (the deferred writes, the commit) give no result to step over.
                    for (var i = 0; i < before; i++)
                    {
                        await reader.NextResultAsync(cancellationToken);
                    }

                    locked = true;
                    if (routes is null && !guarded)
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
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DivisionByZero && guarded)
            {
                // The subscriptions changed since this process read them: nothing committed; run again, reading them.
                session.CommitSent = false;
                session.Database.Routes = WebhookRoutes.Unknown;
                throw new RoutesChangedException(ex);
            }
            catch (PostgresException) when (commit && commitCommand.StatementType == StatementType.Unknown)
            {
                // The server answers in order: an error before the commit's completion means the commit did not run.
                session.CommitSent = false;
                throw;
            }
        }

        if (guarded)
        {
            routes = known;
        }

        if (waiting.Count == 0)
        {
            return ([], commit);
        }

        // Rising already; sorted so that no plan's row order could ever pair an id with another event.
        Array.Sort(ids);
        if (version is { } current)
        {
            var latest = session.Database.Routes;
            routes = latest.Version == current ? latest : await WebhookRoutes.ReadAsync(session, current, cancellationToken);
            session.Database.Routes = routes;
        }

        if (!commit)
        {
            await QueueDeliveriesAsync(ids, cancellationToken);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            // As a reader of the table would get it: times are kept to the millisecond.
            var draft = waiting[i];
            session.Appended.Add(new EventRecord(ids[i], draft.Type, FromUnixMs(ToUnixMs(draft.At)), draft.TaskId, draft.WorkflowId, draft.PhaseId,
                draft.Attempt, draft.Status, draft.OldStatus, draft.Message, draft.Data));
        }

        waiting.Clear();
        session.Changed = true;
        return (ids, commit);
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
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(StoredText.Of).ToArray() });
}
