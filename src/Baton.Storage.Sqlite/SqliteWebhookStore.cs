using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Webhooks;
using static Baton.Storage.Sqlite.SqlValues;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Webhooks in SQLite. Each event's transaction fills the outbox (<see cref="SqliteEventAppender"/>, as Core routes it);
/// this class manages subscriptions and works the outbox for the daemon's dispatcher. A removed subscription's
/// pending deliveries are deleted with it; its finished ones stay as history until the event log prunes them.
/// </summary>
public sealed class SqliteWebhookStore : IWebhookStore, IAsyncDisposable
{
    private const string SubscriptionFrom = "FROM webhook_subscriptions s JOIN webhook_endpoints p ON p.id = s.endpoint_id";
    private const string DeliveryFrom =
        "FROM webhook_deliveries d LEFT JOIN events e ON e.id = d.event_id LEFT JOIN webhook_endpoints p ON p.id = d.endpoint_id";

    private static readonly string EventColumns = "e." + EventRows.Columns.Replace(", ", ", e.", StringComparison.Ordinal);

    private readonly SqliteDatabase database;

    /// <summary>Creates the store over the database file in <paramref name="options"/> (already initialised by the task store).</summary>
    public SqliteWebhookStore(SqliteStoreOptions options) => database = new SqliteDatabase(options);

    /// <inheritdoc />
    public Task<AddedWebhook> AddAsync(NewWebhook webhook, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var created = await session.Command(
                    """
                    INSERT INTO webhook_endpoints (id, url, secret, created_at, created_by) VALUES ($id, $url, $secret, $now, $by)
                    ON CONFLICT (url) DO NOTHING
                    """).With("$id", webhook.EndpointId).With("$url", webhook.Url).With("$secret", webhook.Secret)
                    .With("$now", ToUnixMs(webhook.CreatedAt)).With("$by", webhook.CreatedBy).ExecuteNonQueryAsync(cancellationToken) == 1;
                // Asking for a URL again is a clear wish to hear from it: a 410 that disabled it is forgotten.
                await session.Command("UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL WHERE url = $url AND disabled_at IS NOT NULL")
                    .With("$url", webhook.Url).ExecuteNonQueryAsync(cancellationToken);
                await session.Command(
                    """
                    INSERT INTO webhook_subscriptions (id, endpoint_id, events, workflow_id, task_id, created_at, created_by)
                    SELECT $id, id, $events, $workflow, $task, $now, $by FROM webhook_endpoints WHERE url = $url
                    """).With("$id", webhook.Id).With("$url", webhook.Url).With("$events", WebhookRows.EventsColumn(webhook.Events))
                    .With("$workflow", webhook.WorkflowId).With("$task", webhook.TaskId).With("$now", ToUnixMs(webhook.CreatedAt))
                    .With("$by", webhook.CreatedBy).ExecuteNonQueryAsync(cancellationToken);
                await session.Events.RoutesChangedAsync(cancellationToken);
                var found = await WebhookRows.ReadAllAsync(
                    session.Command($"SELECT {WebhookRows.SubscriptionColumns} {SubscriptionFrom} WHERE s.id = $id").With("$id", webhook.Id),
                    WebhookRows.ReadSubscription,
                    cancellationToken);
                return new AddedWebhook(found[0], created);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(bool includeTasks, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<WebhookSubscription>>(
            async connection => await WebhookRows.ReadAllAsync(
                Command(connection, $"SELECT {WebhookRows.SubscriptionColumns} {SubscriptionFrom} WHERE $tasks OR s.task_id IS NULL ORDER BY s.created_at, s.id")
                    .With("$tasks", includeTasks),
                WebhookRows.ReadSubscription,
                cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<WebhookSubscription?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection => (await WebhookRows.ReadAllAsync(
                Command(connection, $"SELECT {WebhookRows.SubscriptionColumns} {SubscriptionFrom} WHERE s.id = $id").With("$id", id),
                WebhookRows.ReadSubscription,
                cancellationToken)).FirstOrDefault(),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var endpoint = await session.Command("SELECT endpoint_id FROM webhook_subscriptions WHERE id = $id").With("$id", id).ExecuteScalarAsync(cancellationToken);
                if (endpoint is not string endpointId)
                {
                    return false;
                }

                foreach (var sql in new[]
                {
                    "DELETE FROM webhook_attempts WHERE delivery_seq IN (SELECT seq FROM webhook_deliveries WHERE subscription_id = $id AND status = 'pending')",
                    "DELETE FROM webhook_deliveries WHERE subscription_id = $id AND status = 'pending'",
                    "DELETE FROM webhook_subscriptions WHERE id = $id",
                })
                {
                    await session.Command(sql).With("$id", id).ExecuteNonQueryAsync(cancellationToken);
                }

                // Its last subscription gone, the endpoint goes too: adding the URL again issues a new secret.
                await session.Command("DELETE FROM webhook_endpoints WHERE id = $endpoint AND NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE endpoint_id = $endpoint)")
                    .With("$endpoint", endpointId).ExecuteNonQueryAsync(cancellationToken);
                await session.Events.RoutesChangedAsync(cancellationToken);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<WebhookEndpoint?> RotateAsync(string endpointId, string newSecret, DateTimeOffset previousExpiresAt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => (await WebhookRows.ReadAllAsync(
                session.Command(
                    $"""
                    UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = $expires, secret = $secret
                    WHERE id = $id RETURNING {WebhookRows.EndpointColumns.Replace("p.", string.Empty, StringComparison.Ordinal)}
                    """).With("$id", endpointId).With("$secret", newSecret).With("$expires", ToUnixMs(previousExpiresAt)),
                r => WebhookRows.ReadEndpoint(r, 0),
                cancellationToken)).FirstOrDefault(),
            cancellationToken);

    /// <inheritdoc />
    public Task<string?> QueueTestAsync(string subscriptionId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                if (await session.Command("SELECT 1 FROM webhook_subscriptions WHERE id = $id").With("$id", subscriptionId).ExecuteScalarAsync(cancellationToken) is null)
                {
                    return null;
                }

                // Fan-out never sends webhook.test: this one event goes to this one subscription.
                var eventId = await session.Events.AppendAsync(EventRules.ForWebhookTest(subscriptionId, now), cancellationToken);
                var endpoint = (string)(await session.Command("SELECT endpoint_id FROM webhook_subscriptions WHERE id = $id").With("$id", subscriptionId).ExecuteScalarAsync(cancellationToken))!;
                return await session.Events.QueueAsync(eventId, subscriptionId, endpoint, now, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection =>
            {
                await using var command = Command(connection, "SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending'");
                return await command.ExecuteScalarAsync(cancellationToken) is long ms ? FromUnixMs(ms) : (DateTimeOffset?)null;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string worker, int limit, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<ClaimedDelivery>>(
            async session =>
            {
                // A claim mark of its own, so that the read below returns this claim's rows and no earlier one's.
                var claim = $"{worker}#{Guid.NewGuid():N}";
                var claimed = await session.Command(
                    """
                    UPDATE webhook_deliveries SET claimed_by = $claim, next_attempt_at = $lease
                    WHERE seq IN (SELECT seq FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at LIMIT $limit)
                    """).With("$claim", claim).With("$lease", ToUnixMs(leaseUntil)).With("$now", ToUnixMs(now)).With("$limit", limit)
                    .ExecuteNonQueryAsync(cancellationToken);
                if (claimed == 0)
                {
                    return [];
                }

                return await WebhookRows.ReadAllAsync(
                    session.Command(
                        $"""
                        SELECT {EventColumns}, d.seq, d.id, d.attempts, d.body, d.subscription_id, {WebhookRows.EndpointColumns}
                        FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_endpoints p ON p.id = d.endpoint_id
                        WHERE d.status = 'pending' AND d.next_attempt_at = $lease AND d.claimed_by = $claim
                        """).With("$claim", claim).With("$lease", ToUnixMs(leaseUntil)),
                    r => new ClaimedDelivery(
                        r.GetInt64(11), r.GetString(12), r.GetInt32(13), r.GetStringOrNull(14), EventRows.Read(r), WebhookRows.ReadEndpoint(r, 16), r.GetString(15)),
                    cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var result = attempt.Result;
                var outcome = attempt.Outcome;
                // A delivery removed with its subscription mid-attempt has no row left to record on.
                await session.Command(
                    """
                    INSERT INTO webhook_attempts (delivery_seq, number, at, status_code, error, duration_ms)
                    SELECT seq, attempts + 1, $at, $code, $error, $duration FROM webhook_deliveries WHERE seq = $seq
                    """).With("$seq", attempt.Seq).With("$at", ToUnixMs(attempt.At)).With("$code", result.StatusCode)
                    .With("$error", outcome.Error).With("$duration", (long)attempt.Duration.TotalMilliseconds).ExecuteNonQueryAsync(cancellationToken);
                var status = outcome.Verdict switch
                {
                    DeliveryVerdict.Delivered => DeliveryStatuses.Delivered,
                    DeliveryVerdict.Retry => DeliveryStatuses.Pending,
                    _ => DeliveryStatuses.Failed,
                };
                await session.Command(
                    """
                    UPDATE webhook_deliveries SET attempts = attempts + 1, status = $status, next_attempt_at = $next, claimed_by = NULL,
                        body = coalesce(body, $body), last_status_code = $code, last_error = $error,
                        delivered_at = CASE WHEN $status = 'delivered' THEN $at ELSE delivered_at END
                    WHERE seq = $seq
                    """).With("$seq", attempt.Seq).With("$status", status).With("$next", Db(outcome.NextAttemptAt)).With("$body", attempt.Body)
                    .With("$code", result.StatusCode).With("$error", outcome.Error).With("$at", ToUnixMs(attempt.At)).ExecuteNonQueryAsync(cancellationToken);
                if (outcome.Verdict == DeliveryVerdict.DisableEndpoint)
                {
                    await session.Command(
                        """
                        UPDATE webhook_endpoints SET disabled_at = $at, disabled_reason = $reason
                        WHERE id = (SELECT endpoint_id FROM webhook_deliveries WHERE seq = $seq) AND disabled_at IS NULL
                        """).With("$seq", attempt.Seq).With("$at", ToUnixMs(attempt.At)).With("$reason", outcome.Error).ExecuteNonQueryAsync(cancellationToken);
                    await session.Events.RoutesChangedAsync(cancellationToken);
                    await session.Command(
                        """
                        UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, claimed_by = NULL, last_error = 'the endpoint was disabled (410 Gone)'
                        WHERE endpoint_id = (SELECT endpoint_id FROM webhook_deliveries WHERE seq = $seq) AND status = 'pending'
                        """).With("$seq", attempt.Seq).ExecuteNonQueryAsync(cancellationToken);
                }

                return 0;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> ResetClaimsAsync(DateTimeOffset now, Func<string, bool> claimerGone, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session =>
            {
                var claimers = new List<string>();
                await using (var reader = await session.Command(
                    "SELECT DISTINCT claimed_by FROM webhook_deliveries WHERE status = 'pending' AND claimed_by IS NOT NULL").ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        claimers.Add(reader.GetString(0));
                    }
                }

                var reset = 0;
                foreach (var claimer in claimers.Where(claimerGone))
                {
                    reset += await session.Command(
                        "UPDATE webhook_deliveries SET claimed_by = NULL, next_attempt_at = min(next_attempt_at, $now) WHERE status = 'pending' AND claimed_by = $claimer")
                        .With("$now", ToUnixMs(now)).With("$claimer", claimer).ExecuteNonQueryAsync(cancellationToken);
                }

                return reset;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(DeliveryQuery query, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<WebhookDelivery>>(
            async connection => await WebhookRows.ReadAllAsync(
                Command(
                    connection,
                    $"""
                    SELECT {WebhookRows.DeliveryColumns} {DeliveryFrom}
                    WHERE ($sub IS NULL OR d.subscription_id = $sub)
                        AND (NOT $failed OR d.status = 'failed' OR (d.status = 'pending' AND d.attempts > 0))
                    ORDER BY d.seq DESC LIMIT $limit
                    """).With("$sub", query.SubscriptionId).With("$failed", query.FailedOnly).With("$limit", query.Limit),
                WebhookRows.ReadDelivery,
                cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            async connection => (await WebhookRows.ReadAllAsync(
                Command(connection, $"SELECT {WebhookRows.DeliveryColumns} {DeliveryFrom} WHERE d.id = $id").With("$id", id),
                WebhookRows.ReadDelivery,
                cancellationToken)).FirstOrDefault(),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RedeliverAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            async session => await session.Command(
                """
                UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $now, claimed_by = NULL
                WHERE id = $id AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = webhook_deliveries.subscription_id)
                """).With("$id", id).With("$now", ToUnixMs(now)).ExecuteNonQueryAsync(cancellationToken) == 1,
            cancellationToken);

    /// <summary>Closes the store's writer connection.</summary>
    public ValueTask DisposeAsync() => database.DisposeAsync();
}
