using Baton.Core.Webhooks;
using Npgsql;
using static Baton.Storage.Postgres.PgValues;

namespace Baton.Storage.Postgres;

/// <summary>Reads rows of the webhook tables  and writes the events column's form.</summary>
internal static class WebhookRows
{
    /// <summary>An endpoint, as <c>p</c>.</summary>
    public const string EndpointColumns =
        "p.id, p.url, p.secret, p.previous_secret, p.previous_secret_expires_at, p.created_at, p.disabled_at, p.disabled_reason";

    /// <summary>A subscription <c>s</c> and its endpoint <c>p</c>.</summary>
    public const string SubscriptionColumns = "s.id, s.events, s.workflow_id, s.task_id, s.created_at, s.created_by, " + EndpointColumns;

    /// <summary>A delivery <c>d</c> with its event's type <c>e</c> and its endpoint's URL <c>p</c> (both may be gone).</summary>
    public const string DeliveryColumns =
        "d.seq, d.id, d.event_id, e.type, d.subscription_id, d.endpoint_id, p.url, d.status, d.attempts, d.next_attempt_at, "
        + "d.last_status_code, d.last_error, d.created_at, d.delivered_at";

    /// <summary>'*' for every type, else ',a,b,' the form the SQLite store keeps, so both stores hold the same values.</summary>
    public static string EventsColumn(IReadOnlyList<string>? events) =>
        events is null || events.Count == 0 ? "*" : "," + string.Join(',', events) + ",";

    public static IReadOnlyList<string>? ParseEvents(string column) =>
        column == "*" ? null : column.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static WebhookEndpoint ReadEndpoint(NpgsqlDataReader reader, int at) => new(
        reader.GetString(at),
        reader.GetString(at + 1),
        reader.GetString(at + 2),
        reader.GetStringOrNull(at + 3),
        reader.GetTimeOrNull(at + 4),
        FromUnixMs(reader.GetInt64(at + 5)),
        reader.GetTimeOrNull(at + 6),
        reader.GetStringOrNull(at + 7));

    public static WebhookSubscription ReadSubscription(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        ReadEndpoint(reader, 6),
        ParseEvents(reader.GetString(1)),
        reader.GetStringOrNull(2),
        reader.GetStringOrNull(3),
        FromUnixMs(reader.GetInt64(4)),
        reader.GetStringOrNull(5));

    public static WebhookDelivery ReadDelivery(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetStringOrNull(3) ?? "(pruned)",
        reader.GetString(4),
        reader.GetString(5),
        reader.GetStringOrNull(6),
        reader.GetString(7),
        reader.GetInt32(8),
        reader.GetTimeOrNull(9),
        reader.IsDBNull(10) ? null : reader.GetInt32(10),
        reader.GetStringOrNull(11),
        FromUnixMs(reader.GetInt64(12)),
        reader.GetTimeOrNull(13));

    public static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
