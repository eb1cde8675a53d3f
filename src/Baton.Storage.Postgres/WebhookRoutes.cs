using Baton.Core.Events;
using Baton.Core.Webhooks;
using Npgsql;

namespace Baton.Storage.Postgres;

/// <summary>
/// Every webhook subscription as of one <c>webhook_routing.version</c>, kept in memory between write transactions so
/// that logging an event costs no lookup. Immutable: writers of this process share the newest one they read, and each
/// transaction checks the version once, under the event lock, which every change to who hears what also takes. So
/// an event committed after a subscription is heard by it, and one committed before is not.
/// </summary>
internal sealed class WebhookRoutes
{
    private const string AllSql = """
        SELECT s.id, s.endpoint_id, s.events, s.workflow_id, s.task_id, p.disabled_at IS NOT NULL
        FROM webhook_subscriptions s JOIN webhook_endpoints p ON p.id = s.endpoint_id
        """;

    private readonly List<WebhookTarget> standing = [];
    private readonly Dictionary<string, List<WebhookTarget>> byWorkflow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WebhookTarget>> byTask = new(StringComparer.Ordinal);

    private WebhookRoutes(long version) => Version = version;

    /// <summary>No routes read yet: the first check reads them.</summary>
    public static WebhookRoutes Unknown { get; } = new(long.MinValue);

    public long Version { get; }

    /// <summary>True if no subscription exists at all (the common case: an event then goes nowhere).</summary>
    public bool IsEmpty => standing.Count == 0 && byWorkflow.Count == 0 && byTask.Count == 0;

    /// <summary>Reads every subscription, in the open transaction, as of <paramref name="version"/>.</summary>
    public static async Task<WebhookRoutes> ReadAsync(PgSession session, long version, CancellationToken cancellationToken)
    {
        var routes = new WebhookRoutes(version);
        await using var command = session.Command(AllSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var target = new WebhookTarget(reader.GetString(0), reader.GetString(1), WebhookRows.ParseEvents(reader.GetString(2)),
                reader.GetStringOrNull(3), reader.GetStringOrNull(4), reader.GetBoolean(5));
            var list = target.TaskId is { } task ? Bucket(routes.byTask, task)
                : target.WorkflowId is { } workflow ? Bucket(routes.byWorkflow, workflow)
                : routes.standing;
            list.Add(target);
        }

        return routes;
    }

    /// <summary>The subscriptions that may hear <paramref name="draft"/>: standing ones, its workflow's and its task's.</summary>
    public IEnumerable<WebhookTarget> CandidatesFor(EventDraft draft)
    {
        IEnumerable<WebhookTarget> candidates = standing;
        if (draft.WorkflowId is { } workflow && byWorkflow.TryGetValue(workflow, out var ofWorkflow))
        {
            candidates = candidates.Concat(ofWorkflow);
        }

        if (draft.TaskId is { } task && byTask.TryGetValue(task, out var ofTask))
        {
            candidates = candidates.Concat(ofTask);
        }

        return candidates;
    }

    private static List<WebhookTarget> Bucket(Dictionary<string, List<WebhookTarget>> buckets, string key)
    {
        if (!buckets.TryGetValue(key, out var list))
        {
            list = [];
            buckets[key] = list;
        }

        return list;
    }
}
