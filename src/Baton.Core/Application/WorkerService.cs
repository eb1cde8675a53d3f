using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workers;

namespace Baton.Core.Application;

/// <summary>
/// The application layer for worker nodes: the list with each node's state, drain and resume by name, and why a
/// queued task waits when no live node will claim it. Every front end (CLI, REST, MCP) calls this. A drain or a
/// resume is told to the nodes through <paramref name="notifier"/> as a request for attention, so that the node
/// learns of it at once rather than at its next heartbeat (its claims stop when the request commits either way).
/// </summary>
public sealed class WorkerService(IWorkerStore store, TimeProvider time, IWorkNotifier? notifier = null)
{
    /// <summary>Every node, by name, with its state now.</summary>
    public async Task<WorkerListView> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var nodes = await store.ListAsync(cancellationToken);
        return new WorkerListView([.. nodes.Select(n => ViewOf(n, now))]);
    }

    /// <summary>Asks the node to stop claiming new work (it finishes what runs); throws not found listing the known names.</summary>
    public Task<WorkerView> DrainAsync(string name, CancellationToken cancellationToken = default) => SetDrainAsync(name, drain: true, cancellationToken);

    /// <summary>Lets a draining node claim work again; throws not found listing the known names.</summary>
    public Task<WorkerView> ResumeAsync(string name, CancellationToken cancellationToken = default) => SetDrainAsync(name, drain: false, cancellationToken);

    /// <summary>
    /// For a queued task no live node will claim, one line saying why and what to start: no active node has the
    /// labels it requires, or (for a task that requires none) no node is active at all, for instance when only
    /// API-only daemons serve the database or every node drains. Null when some active node may run it, or the task
    /// does not wait in the queue.
    /// </summary>
    public async Task<string?> WaitingNoticeAsync(TaskRecord task, CancellationToken cancellationToken = default)
    {
        if (task.Status is not (TaskState.Pending or TaskState.Retrying) || task.Blocked)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var nodes = await store.ListAsync(cancellationToken);
        var active = nodes.Where(n => n.StateAt(now) == WorkerNodeState.Active).ToList();
        var required = task.Definition.RequiresLabels;
        if (required.Count > 0)
        {
            return active.Any(n => WorkerLabels.Missing(required, n.Labels).Count == 0)
                ? null
                : $"waiting: no live worker has labels {string.Join(", ", required)}; start one with baton worker {string.Join(' ', required.Select(l => $"--label {l}"))}";
        }

        if (active.Count > 0)
        {
            return null;
        }

        var draining = nodes.Where(n => n.StateAt(now) == WorkerNodeState.Draining).Select(n => n.Name).ToList();
        return draining.Count > 0
            ? $"waiting: every live worker is draining ({string.Join(", ", draining)}); resume one with baton worker resume {draining[0]}, or start one with baton serve or baton worker"
            : "waiting: no live worker runs tasks; start one with baton serve or baton worker";
    }

    private async Task<WorkerView> SetDrainAsync(string name, bool drain, CancellationToken cancellationToken)
    {
        if (!await store.SetDrainAsync(name, drain, cancellationToken))
        {
            var known = (await store.ListAsync(cancellationToken)).Select(n => n.Name).ToList();
            throw BatonException.NotFound(known.Count == 0
                ? $"no worker named '{name}': no worker has registered yet (start one with baton serve or baton worker)"
                : $"no worker named '{name}'; known workers: {string.Join(", ", known)}");
        }

        if (notifier is not null)
        {
            await notifier.NotifyAsync(WorkChange.Attention, cancellationToken);
        }

        var node = (await store.ListAsync(cancellationToken)).First(n => n.Name == name);
        return ViewOf(node, time.GetUtcNow());
    }

    private static WorkerView ViewOf(WorkerNode node, DateTimeOffset now)
    {
        var state = node.StateAt(now);
        return new WorkerView
        {
            Name = node.Name,
            Host = node.Host,
            Version = node.Version,
            Slots = node.Slots,
            RunningAttempts = state == WorkerNodeState.Gone ? 0 : node.Running,
            LastHeartbeat = node.HeartbeatAt,
            State = state.ToWire(),
            Labels = node.Labels,
            StartedAt = node.StartedAt,
            DrainedAt = node.DrainedAt,
            WorkerId = node.WorkerId,
        };
    }
}
