using Baton.Core.Errors;
using Baton.Core.Runners;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// The application layer for tasks: every front end (CLI, REST, MCP, dashboard) calls this and nothing else, so
/// rules and error messages are the same everywhere.
/// </summary>
/// <param name="store">The tasks.</param>
/// <param name="notifier">Tells the engine of queued work and cancel requests.</param>
/// <param name="runners">The runners tasks may name.</param>
/// <param name="time">The clock.</param>
/// <param name="workers">The worker registry, which says why a task that requires labels waits; without it nothing is said.</param>
/// <param name="interactions">Where messages into running sessions are kept; without it <see cref="InterveneAsync"/> cannot reach a running task.</param>
public sealed class TaskService(
    ITaskStore store, IWorkNotifier notifier, RunnerRegistry runners, TimeProvider time, WorkerService? workers = null, IInteractionStore? interactions = null)
{
    /// <summary>The longest reason, or message into a session, a person may give (bytes of UTF-8).</summary>
    public const int MaxMessageBytes = 16 * 1024;

    private TaskIdResolver Ids => field ??= new(store);

    private TaskDependencies Dependencies => field ??= new(store, Ids);

    private TaskSteering Steering => field ??= new(this, store, notifier, time, interactions);

    /// <summary>Checks a task without queuing it; throws invalid input for the first problem.</summary>
    public void Validate(TaskDefinition definition, string? searchPath) =>
        TaskDefinitionValidator.Validate(definition, runners.Names, searchPath);

    /// <summary>Validates and queues a task; with a known idempotency key, returns the existing task instead.</summary>
    public Task<EnqueueResult> EnqueueAsync(TaskDefinition definition, string? searchPath, CancellationToken cancellationToken = default) =>
        EnqueueAsync(TaskIds.New(), definition, searchPath, cancellationToken);

    /// <summary>Like <see cref="EnqueueAsync(TaskDefinition, string?, CancellationToken)"/>, under an id chosen before (a webhook subscribed to it first).</summary>
    public async Task<EnqueueResult> EnqueueAsync(string id, TaskDefinition definition, string? searchPath, CancellationToken cancellationToken = default)
    {
        Validate(definition, searchPath);
        if (definition.WorkflowId is not null)
        {
            throw BatonException.Invalid("a workflow's tasks are added with workflow_add_task ('baton workflow add-task'), not queued on their own");
        }

        definition = definition with { DependsOn = await Dependencies.CheckAsync(definition.DependsOn, cancellationToken) };
        if (definition.Session is { } session)
        {
            definition = definition with { Session = session with { TaskId = await ResolveIdAsync(session.TaskId, cancellationToken) } };
            await SessionSources.CheckAsync(store, definition, cancellationToken);
        }

        var result = await store.EnqueueAsync(id, definition, time.GetUtcNow(), cancellationToken);
        if (result.Created)
        {
            await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        }

        return result;
    }

    /// <summary>The task with this id (or unique id prefix) and its attempts.</summary>
    public async Task<TaskDetails> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var task = await store.GetTaskAsync(id, cancellationToken) ?? throw NotFound(idOrPrefix);
        var attempts = await store.GetAttemptsAsync(id, cancellationToken);
        // A queued task has no notice of its own (a claim clears it): why no live worker will claim it is said there.
        if (workers is not null && task.Notice is null && await workers.WaitingNoticeAsync(task, cancellationToken) is { } waiting)
        {
            task = task with { Notice = waiting };
        }

        return new TaskDetails(task, attempts);
    }

    /// <summary>Whether a task with exactly this id exists (a list cursor names one).</summary>
    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) =>
        await store.GetTaskAsync(id, cancellationToken) is not null;

    /// <summary>Tasks matching the query, newest first.</summary>
    public Task<IReadOnlyList<TaskRecord>> ListAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > 10_000)
        {
            throw BatonException.Invalid($"limit must be between 1 and 10000 (got {query.Limit})");
        }

        return store.ListTasksAsync(query, cancellationToken);
    }

    /// <summary>Cancels a task: at once if it is not running, otherwise by asking its worker to stop it.</summary>
    public async Task<CancelResult> CancelAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var result = await store.CancelAsync(id, time.GetUtcNow(), cancellationToken);
        switch (result.Outcome)
        {
            case CancelOutcome.NotFound:
                throw NotFound(idOrPrefix);
            case CancelOutcome.AlreadyEnded:
                throw BatonException.Conflict(
                    $"task {id} already ended as {result.Task!.Status.ToWire()}; there is nothing to cancel (use 'baton task retry {id}' to run it again)");
            case CancelOutcome.Requested:
                await notifier.NotifyAsync(WorkChange.CancelRequested, cancellationToken);
                break;
        }

        return result;
    }

    /// <summary>Sends a follow-up to an ended agent task: a new attempt that resumes the agent's session with it.</summary>
    public Task<TaskRecord> ContinueAsync(string idOrPrefix, string followUp, CancellationToken cancellationToken = default) =>
        Steering.ContinueAsync(idOrPrefix, followUp, cancellationToken);

    /// <summary>Queues a failed, cancelled or timed-out task again with a fresh retry budget.</summary>
    public async Task<TaskRecord> RetryAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var result = await store.RequeueAsync(id, time.GetUtcNow(), cancellationToken);
        switch (result.Outcome)
        {
            case RequeueOutcome.NotFound:
                throw NotFound(idOrPrefix);
            case RequeueOutcome.NotRetryable:
                throw BatonException.Conflict(
                    $"task {id} is {result.Task!.Status.ToWire()}; only failed, cancelled or timed-out tasks can be retried");
            case RequeueOutcome.WorkflowCancelled:
                throw BatonException.Conflict(
                    $"task {id} belongs to workflow {result.Task!.Definition.WorkflowId}, which was cancelled; run the workflow again instead");
        }

        await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        return result.Task!;
    }

    /// <summary>
    /// Pauses a task: a pending or retrying one at once (it is not claimed until resumed); a running one, or one waiting
    /// for a person, by asking its worker, which interrupts the agent with its session kept. Conflict for a task that
    /// ended or is paused already.
    /// </summary>
    public Task<TaskChangeResult> PauseAsync(string idOrPrefix, string? reason, CancellationToken cancellationToken = default) =>
        Steering.PauseAsync(idOrPrefix, reason, cancellationToken);

    /// <summary>
    /// Resumes a paused task: queued again, its next attempt continuing the agent's session, with
    /// <paramref name="message"/> as what the agent is told if given. A pause asked for but not carried out yet is
    /// withdrawn instead. Conflict for a task that is not paused.
    /// </summary>
    public Task<TaskChangeResult> ResumeAsync(string idOrPrefix, string? message, CancellationToken cancellationToken = default) =>
        Steering.ResumeAsync(idOrPrefix, message, cancellationToken);

    /// <summary>Changes the priority of a task not running yet (pending, retrying or paused); conflict for any other.</summary>
    public async Task<TaskRecord> SetPriorityAsync(string idOrPrefix, TaskPriority priority, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(priority))
        {
            throw BatonException.Invalid($"priority must be one of {string.Join(", ", Enum.GetValues<TaskPriority>().Select(p => p.ToWire()))}");
        }

        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var result = await store.SetPriorityAsync(id, priority, time.GetUtcNow(), cancellationToken);
        return result.Outcome switch
        {
            TaskChangeOutcome.NotFound => throw NotFound(idOrPrefix),
            TaskChangeOutcome.NotAllowed => throw BatonException.Conflict(
                $"task {id} is {result.Task!.Status.ToWire()}; the priority only changes for a task not running yet (pending, retrying or paused)"),
            _ => result.Task!,
        };
    }

    /// <summary>
    /// A person's message to an agent task, for whatever state it is in: a running one (or one waiting for a person)
    /// gets it in its session now, through its worker; an ended one continues its session with it
    /// (<see cref="ContinueAsync"/>); a paused one is resumed with it. Conflict for a task not started yet (its prompt
    /// is what it will see) and for a command task (no session to tell).
    /// </summary>
    /// <param name="idOrPrefix">The task.</param>
    /// <param name="message">What the agent is told.</param>
    /// <param name="sentBy">Who sends it (a token's name, a local user).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public Task<TaskIntervention> InterveneAsync(string idOrPrefix, string message, string sentBy, CancellationToken cancellationToken = default) =>
        Steering.InterveneAsync(idOrPrefix, message, sentBy, cancellationToken);

    /// <summary>Turns an id or a unique prefix of one into the full id.</summary>
    public Task<string> ResolveIdAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        Ids.ResolveAsync(idOrPrefix, cancellationToken);

    private static BatonException NotFound(string idOrPrefix) => TaskIdResolver.NotFound(idOrPrefix);
}
