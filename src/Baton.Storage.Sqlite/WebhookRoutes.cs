using Baton.Core.Events;
using Baton.Core.Webhooks;

namespace Baton.Storage.Sqlite;

/// <summary>
/// Every webhook subscription of one database file (held by its <see cref="WriteQueue"/>), kept in memory between
/// write transactions so that logging an event costs no lookup. It is only used inside write transactions, which this process runs one at a time per file,
/// and it is checked against <c>webhook_routing.version</c> — which every change to who hears what raises, in any
/// process — once per transaction, so a subscription another process added is heard from its next transaction on.
/// </summary>
internal sealed class WebhookRoutes
{
    private const string VersionSql = "SELECT version FROM webhook_routing WHERE id = 1";

    private const string AllSql = """
        SELECT s.id, s.endpoint_id, s.events, s.workflow_id, s.task_id, p.disabled_at IS NOT NULL
        FROM webhook_subscriptions s JOIN webhook_endpoints p ON p.id = s.endpoint_id
        """;

    private readonly List<WebhookTarget> standing = [];
    private readonly Dictionary<string, List<WebhookTarget>> byWorkflow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WebhookTarget>> byTask = new(StringComparer.Ordinal);
    private long version = -1;

    /// <summary>
    /// The statement that records a change to the subscriptions, run in the transaction that made one, with a fresh
    /// random <c>$version</c>: unlike a count, it cannot repeat the version of another database once at the same path.
    /// </summary>
    public const string ChangedSql = "UPDATE webhook_routing SET version = $version WHERE id = 1";

    /// <summary>True if no subscription exists at all (the common case: an event then goes nowhere).</summary>
    public bool IsEmpty => standing.Count == 0 && byWorkflow.Count == 0 && byTask.Count == 0;

    /// <summary>Brings the routes up to date with the database, in the open transaction.</summary>
    public async Task RefreshAsync(WriteSession session, CancellationToken cancellationToken)
    {
        var current = await session.Command(VersionSql).ExecuteScalarAsync(cancellationToken) is long value ? value : 0;
        if (current == version)
        {
            return;
        }

        standing.Clear();
        byWorkflow.Clear();
        byTask.Clear();
        await using (var reader = await session.Command(AllSql).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var target = new WebhookTarget(reader.GetString(0), reader.GetString(1), WebhookRows.ParseEvents(reader.GetString(2)),
                    reader.GetStringOrNull(3), reader.GetStringOrNull(4), reader.GetInt64(5) != 0);
                var list = target.TaskId is { } task ? Bucket(byTask, task)
                    : target.WorkflowId is { } workflow ? Bucket(byWorkflow, workflow)
                    : standing;
                list.Add(target);
            }
        }

        version = current;
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

    /// <summary>Forgets the routes, so the next transaction reads them afresh (after a failed one, say).</summary>
    public void Forget() => version = -1;

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
