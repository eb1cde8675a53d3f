using Baton.Core.Attempts;
using Baton.Core.Tasks;

namespace Baton.Core.Storage;

/// <summary>
/// Tasks as the application layer sees them. Every method is one transaction. Implementations hold all SQL of one
/// database (SQLite now, PostgreSQL later) and guard status changes with <see cref="TaskTransitions"/>.
/// </summary>
public interface ITaskStore
{
    /// <summary>
    /// Inserts a pending task, or, if its idempotency key is already used, returns that task unchanged.
    /// </summary>
    Task<EnqueueResult> EnqueueAsync(string id, TaskDefinition definition, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The task with this exact id, or null.</summary>
    Task<TaskRecord?> GetTaskAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> ids that start with <paramref name="prefix"/>.</summary>
    Task<IReadOnlyList<string>> FindIdsByPrefixAsync(string prefix, int limit, CancellationToken cancellationToken = default);

    /// <summary>The task's attempts, oldest first.</summary>
    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Tasks matching the query, newest first.</summary>
    Task<IReadOnlyList<TaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per agent definition, its tasks that ended at or after <paramref name="since"/>: how many, how they ended, and
    /// the cost and tokens of their attempts; agents by name. One query.
    /// </summary>
    Task<IReadOnlyList<AgentRunStats>> AgentStatsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// How the tasks that ended at or after <paramref name="since"/> went, split by <paramref name="by"/>, groups in key order
    /// (the group with no key first); computed in the store, without reading a month of tasks one by one.
    /// <paramref name="now"/> tells the store which days are over, and may be summed up once for good.
    /// </summary>
    Task<IReadOnlyList<TaskStatsGroup>> TaskStatsAsync(DateTimeOffset since, DateTimeOffset now, StatsGrouping by, CancellationToken cancellationToken = default);

    /// <summary>
    /// The failed and timed-out tasks that ended at or after <paramref name="since"/>, grouped by status and error text,
    /// the <paramref name="limit"/> largest groups first (Core sorts them into kinds).
    /// </summary>
    Task<IReadOnlyList<TaskFailureGroup>> FailureGroupsAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a task that is not running at once; for a running one, records the request for its worker.
    /// </summary>
    Task<CancelResult> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Queues an ended agent task again with a follow-up prompt for its session.</summary>
    Task<RequeueResult> ContinueAsync(string id, string followUp, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Puts a failed, cancelled or timed-out task back in the queue with a fresh retry budget.</summary>
    Task<RequeueResult> RequeueAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pauses a task: a pending or retrying one at once (it is not claimed until resumed); for a running or
    /// input_required one, records the request for its worker, which interrupts the agent with its session kept and
    /// ends the attempt as interrupted with the task <c>paused</c>. Appends <c>task.paused</c> with the reason once paused.
    /// </summary>
    Task<TaskChangeResult> PauseAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resumes a paused task: back to the queue, its next attempt resuming the agent's session, with
    /// <paramref name="message"/> as the follow-up if given. A pause still requested (not yet carried out) is
    /// withdrawn instead.
    /// </summary>
    Task<TaskChangeResult> ResumeAsync(string id, string? message, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Changes the priority of a task that is not running yet (pending, retrying or paused).</summary>
    Task<TaskChangeResult> SetPriorityAsync(string id, TaskPriority priority, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Sets a task's <c>budget_usd</c> (a person raised it); false if there is no such task.</summary>
    Task<bool> SetBudgetAsync(string id, decimal budgetUsd, DateTimeOffset now, CancellationToken cancellationToken = default);
}
