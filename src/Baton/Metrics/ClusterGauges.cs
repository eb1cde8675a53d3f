using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workers;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Baton.Metrics;

/// <summary>
/// The cluster's state, read from the store when Prometheus scrapes: tasks by status, agent and runner, the queue by
/// priority, open interactions and how long the oldest waits, worker nodes and their slots, webhook deliveries
/// waiting. Every node reports the same figures (take max, not sum, across nodes); a scrape costs a few index reads.
/// </summary>
internal sealed partial class ClusterGauges
{
    private readonly IGaugeStore store;
    private readonly IWorkerStore workers;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Gauge storeUp;
    private readonly GaugeSeries tasks;
    private readonly GaugeSeries queue;
    private readonly GaugeSeries interactions;
    private readonly GaugeSeries interactionWait;
    private readonly GaugeSeries nodes;
    private readonly GaugeSeries slots;
    private readonly GaugeSeries busy;
    private readonly Gauge deliveries;

    public ClusterGauges(IMetricFactory factory, IGaugeStore store, IWorkerStore workers, TimeProvider time, ILogger<ClusterGauges> logger)
    {
        (this.store, this.workers, this.time, this.logger) = (store, workers, time, logger);
        storeUp = factory.CreateGauge("baton_store_up", "1 if this scrape could read the store, else 0 (and the cluster's gauges are left out).");
        tasks = new(factory.CreateGauge("baton_tasks", "Tasks that have not ended, by status, agent and runner.", ["status", "agent", "runner"]));
        queue = new(factory.CreateGauge("baton_queue_depth", "Tasks in the queue (pending or retrying, not waiting on dependencies; those set to run later included), by priority.", ["priority"]));
        interactions = new(factory.CreateGauge("baton_interactions_open", "Open interactions (a person's answer awaited), by kind.", ["kind"]));
        interactionWait = new(factory.CreateGauge("baton_interaction_oldest_wait_seconds", "How long the oldest open interaction of each kind has waited.", ["kind"]));
        nodes = new(factory.CreateGauge("baton_workers", "Live worker nodes, by state (active, draining).", ["state"]));
        slots = new(factory.CreateGauge("baton_worker_slots", "Attempts each live worker node runs at once.", ["node"]));
        busy = new(factory.CreateGauge("baton_worker_slots_busy", "Attempts each live worker node ran at its last heartbeat.", ["node"]));
        deliveries = factory.CreateGauge("baton_webhook_deliveries_pending", "Webhook deliveries waiting to go out or to be tried again.");
    }

    /// <summary>Reads the store and sets the gauges; called by the registry before each collection.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // Scrapes that overlap read the store once each, one after another: the gauges are set whole.
        await gate.WaitAsync(cancellationToken);
        try
        {
            StoreGauges read;
            IReadOnlyList<WorkerNode> registry;
            try
            {
                read = await store.ReadGaugesAsync(cancellationToken);
                registry = await workers.ListAsync(cancellationToken);
            }
            catch (BatonException ex)
            {
                LogStoreUnreadable(logger, ex.Message);
                storeUp.Set(0);
                Publish();
                return;
            }

            storeUp.Set(1);
            Add(read, registry, time.GetUtcNow());
            Publish();
        }
        finally
        {
            gate.Release();
        }
    }

    private void Add(StoreGauges read, IReadOnlyList<WorkerNode> registry, DateTimeOffset now)
    {
        foreach (var name in TaskPriorities.AllNames)
        {
            queue.Add(0, name);
        }

        foreach (var row in read.Tasks)
        {
            tasks.Add(row.Count, row.Status, row.Agent ?? "", row.Runner);
            if (row.Status is "pending" or "retrying" && !row.Blocked)
            {
                queue.Add(row.Count, ((TaskPriority)row.Priority).ToWire());
            }
        }

        foreach (var open in read.OpenInteractions)
        {
            interactions.Add(open.Count, open.Kind);
            interactionWait.Add(Math.Max(0, (now - open.OldestOpenedAt).TotalSeconds), open.Kind);
        }

        nodes.Add(0, WorkerNodeState.Active.ToWire());
        nodes.Add(0, WorkerNodeState.Draining.ToWire());
        foreach (var node in registry)
        {
            var state = node.StateAt(now);
            if (state == WorkerNodeState.Gone)
            {
                continue;
            }

            nodes.Add(1, state.ToWire());
            slots.Add(node.Slots, node.Name);
            busy.Add(node.Running, node.Name);
        }

        deliveries.Set(read.PendingDeliveries);
    }

    private void Publish()
    {
        foreach (var series in (GaugeSeries[])[tasks, queue, interactions, interactionWait, nodes, slots, busy])
        {
            series.Publish();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the store for /metrics: {Reason}")]
    private static partial void LogStoreUnreadable(ILogger logger, string reason);
}
