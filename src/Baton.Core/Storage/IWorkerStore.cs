using Baton.Core.Workers;

namespace Baton.Core.Storage;

/// <summary>
/// The registry of worker nodes: one row per node name. Core decides every time and state (a beat's
/// <see cref="WorkerBeat.LiveUntil"/>, whether a node drained); the store keeps the rows and compares times it was
/// given. Several nodes write it at once, each only its own row, except for drain requests and forgetting.
/// </summary>
public interface IWorkerStore
{
    /// <summary>
    /// Takes <paramref name="node"/>'s name for its process: inserts the row, or replaces one whose holder is gone
    /// (stopped, or its <see cref="WorkerNode.LiveUntil"/> not after <paramref name="now"/>) or is this same process.
    /// A new holder starts active (no drain request). Returns null when registered, else the live node that holds the
    /// name, unchanged.
    /// </summary>
    Task<WorkerNode?> RegisterAsync(WorkerNode node, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a heartbeat of the process that holds the name (running count, beat time, live-until; the drained time
    /// once, while a drain is requested) and returns whether a drain is requested; <see cref="WorkerBeatOutcome.Lost"/>
    /// when the name is not held by that process (or it stopped).
    /// </summary>
    Task<WorkerBeatOutcome> HeartbeatAsync(WorkerBeat beat, CancellationToken cancellationToken = default);

    /// <summary>Every node, by name.</summary>
    Task<IReadOnlyList<WorkerNode>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the node named <paramref name="name"/> to drain (<paramref name="drain"/> true) or to claim work again
    /// (false, which also clears its drained time); false when no node has that name. Asking a draining node to drain
    /// again keeps its drained time.
    /// </summary>
    Task<bool> SetDrainAsync(string name, bool drain, CancellationToken cancellationToken = default);

    /// <summary>Marks the node stopped at <paramref name="now"/>, if <paramref name="workerId"/> still holds the name.</summary>
    Task StopAsync(string name, string workerId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Deletes the rows of nodes gone since before <paramref name="before"/> (stopped, or live only until then); returns how many.</summary>
    Task<int> ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
