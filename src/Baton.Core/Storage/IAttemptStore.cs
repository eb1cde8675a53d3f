using Baton.Core.Attempts;

namespace Baton.Core.Storage;

/// <summary>
/// The worker's side of the store: claiming, leases, finishing and rescue. Every write about an attempt is fenced by
/// the attempt key and the worker that holds it: only the attempt that is still <c>running</c> under that worker can
/// change, so a late write from a worker that lost its lease (its process, its progress, its result) changes nothing
/// and a task never completes twice.
/// A pending cancel request wins over a requeue: a finish or rescue that would put the task back in the queue
/// cancels it instead.
/// </summary>
public interface IAttemptStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> due tasks (priority first, then first-in first-out) in one transaction,
    /// creating each one's next attempt with a lease; fewer (or none) if fewer are due. Only tasks whose required
    /// labels are all among <paramref name="labels"/> (exact strings; Core passes what the worker offers, see
    /// <see cref="Workers.WorkerLabels.Offered"/>) are claimed; a task that requires none suits every worker. None are
    /// claimed while the worker's node is asked to drain (<see cref="IWorkerStore.SetDrainAsync"/>), from the moment
    /// the request commits: the node learns of it only at its next heartbeat.
    /// </summary>
    Task<IReadOnlyList<Claim>> ClaimAsync(string workerId, IReadOnlyCollection<string> labels, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The earliest due time among the queued tasks a worker offering <paramref name="labels"/> may claim (the same
    /// rule as <see cref="ClaimAsync"/>), or null if none waits. A task only other workers may claim is not counted:
    /// a worker told it is due would claim again at once, find nothing and ask again, without end.
    /// </summary>
    Task<DateTimeOffset?> NextDueAtAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the attempt's main process and log file; false (and nothing written) unless the attempt is still
    /// running under <paramref name="workerId"/>.
    /// </summary>
    Task<bool> RecordProcessAsync(AttemptKey attempt, string workerId, ProcessIdentity process, string logPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a running agent's progress (and its new current step as an event); false (and nothing written) unless
    /// the attempt is still running under <paramref name="workerId"/>.
    /// </summary>
    Task<bool> RecordProgressAsync(AttemptKey attempt, string workerId, Runners.Agents.AgentProgress progress, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records what a running agent says of its own progress (and its step as an event when it changed); false (and
    /// nothing written) unless the attempt is still running: a report from an attempt that ended changes nothing.
    /// </summary>
    Task<bool> RecordReportAsync(AttemptKey attempt, AgentReport report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends an attempt and moves its task on, and the tasks that depend on it; rejected if the attempt no longer
    /// holds its lease.
    /// </summary>
    Task<FinishOutcome> FinishAsync(AttemptFinish finish, CancellationToken cancellationToken = default);

    /// <summary>Extends the leases of the worker's running attempts; returns those it still holds.</summary>
    Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// What people asked of the worker's running attempts and the worker has not carried out: cancel and pause
    /// requests, undelivered steering messages, undelivered answers.
    /// </summary>
    Task<IReadOnlyList<AttemptInstructions>> FindInstructionsAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>Running attempts held by workers other than <paramref name="workerId"/>, for rescue.</summary>
    Task<IReadOnlyList<RunningAttempt>> FindOtherRunningAttemptsAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>Marks a lost attempt interrupted and re-queues (or fails) its task; false if it was no longer running.</summary>
    Task<bool> RescueAsync(AttemptRescue rescue, CancellationToken cancellationToken = default);
}
