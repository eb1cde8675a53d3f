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

        definition = definition with { DependsOn = await CheckDependenciesAsync(definition.DependsOn, cancellationToken) };
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
        // A queued task has no notice of its own (a claim clears it): a label no live worker has is said there.
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

    /// <summary>The longest window of agent statistics.</summary>
    public static readonly TimeSpan MaxStatsWindow = TimeSpan.FromDays(366);

    /// <summary>How each agent definition's tasks that ended in the last <paramref name="window"/> went, with their cost and tokens.</summary>
    public async Task<Views.AgentStatsListView> AgentStatsAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        if (window <= TimeSpan.Zero || window > MaxStatsWindow)
        {
            throw BatonException.Invalid($"the window must be longer than 0 and at most {MaxStatsWindow.TotalDays:0} days");
        }

        var since = time.GetUtcNow() - window;
        var stats = await store.AgentStatsAsync(since, cancellationToken);
        return new Views.AgentStatsListView(since, [.. stats.Select(Views.AgentStatsView.Of)]);
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
    public async Task<TaskRecord> ContinueAsync(string idOrPrefix, string followUp, CancellationToken cancellationToken = default)
    {
        var details = await GetAsync(idOrPrefix, cancellationToken);
        var task = details.Task;
        if (task.Definition.Runner == Runners.Command.CommandRunner.RunnerName)
        {
            throw BatonException.Conflict($"task {task.Id} runs a command, not an agent; there is no session to continue (use 'baton task retry')");
        }

        if (details.Attempts.LastOrDefault(a => (a.Details?.SessionId ?? a.Progress?.SessionId) is not null) is null)
        {
            throw BatonException.Conflict($"task {task.Id} has no agent session yet; wait for it to run, or queue a new task");
        }

        if (string.IsNullOrWhiteSpace(followUp) || System.Text.Encoding.UTF8.GetByteCount(followUp) > TaskDefinitionValidator.MaxPromptBytes)
        {
            throw BatonException.Invalid($"the follow-up must be non-empty and at most {TaskDefinitionValidator.MaxPromptBytes / 1024} KiB");
        }

        var result = await store.ContinueAsync(task.Id, followUp, time.GetUtcNow(), cancellationToken);
        if (result.Outcome == RequeueOutcome.NotRetryable)
        {
            throw BatonException.Conflict($"task {task.Id} is {result.Task!.Status.ToWire()}; wait until it ends ('baton task wait {task.Id}'), then continue it");
        }

        if (result.Outcome == RequeueOutcome.WorkflowCancelled)
        {
            throw BatonException.Conflict($"task {task.Id} belongs to workflow {task.Definition.WorkflowId}, which was cancelled; run the workflow again instead");
        }

        await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
        return result.Task!;
    }

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
    public async Task<TaskChangeResult> PauseAsync(string idOrPrefix, string? reason, CancellationToken cancellationToken = default)
    {
        reason = Optional(reason, "the reason");
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var result = await store.PauseAsync(id, reason, time.GetUtcNow(), cancellationToken);
        switch (result.Outcome)
        {
            case TaskChangeOutcome.NotFound:
                throw NotFound(idOrPrefix);
            case TaskChangeOutcome.NotAllowed when result.Task!.Status == TaskState.Paused:
                throw BatonException.Conflict($"task {id} is paused already; 'baton task resume {id}' resumes it");
            case TaskChangeOutcome.NotAllowed:
                throw BatonException.Conflict($"task {id} already ended as {result.Task!.Status.ToWire()}; there is nothing to pause");
            case TaskChangeOutcome.Requested:
                await notifier.NotifyAsync(WorkChange.Attention, cancellationToken);
                break;
        }

        return result;
    }

    /// <summary>
    /// Resumes a paused task: queued again, its next attempt continuing the agent's session, with
    /// <paramref name="message"/> as what the agent is told if given. A pause asked for but not carried out yet is
    /// withdrawn instead. Conflict for a task that is not paused.
    /// </summary>
    public async Task<TaskChangeResult> ResumeAsync(string idOrPrefix, string? message, CancellationToken cancellationToken = default)
    {
        message = Optional(message, "the message");
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var result = await store.ResumeAsync(id, message, time.GetUtcNow(), cancellationToken);
        switch (result.Outcome)
        {
            case TaskChangeOutcome.NotFound:
                throw NotFound(idOrPrefix);
            case TaskChangeOutcome.NotAllowed:
                throw BatonException.Conflict($"task {id} is {result.Task!.Status.ToWire()}, not paused; only a paused task can be resumed");
            case TaskChangeOutcome.Changed when result.Task!.Status == TaskState.Pending:
                await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
                break;
        }

        return result;
    }

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
    public async Task<TaskIntervention> InterveneAsync(string idOrPrefix, string message, string sentBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(message) || System.Text.Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
        {
            throw BatonException.Invalid($"the message must be non-empty and at most {MaxMessageBytes / 1024} KiB");
        }

        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var task = await store.GetTaskAsync(id, cancellationToken) ?? throw NotFound(idOrPrefix);
        if (task.Definition.Runner == Runners.Command.CommandRunner.RunnerName)
        {
            throw BatonException.Conflict($"task {id} runs a command, not an agent; there is no session to send a message to");
        }

        switch (task.Status)
        {
            case TaskState.Running or TaskState.InputRequired:
                var sent = await (interactions ?? throw new InvalidOperationException("this task service has no interaction store"))
                    .AddMessageAsync(id, message, sentBy, time.GetUtcNow(), cancellationToken);
                await notifier.NotifyAsync(WorkChange.Attention, cancellationToken);
                return new TaskIntervention(InterventionOutcome.Sent, task, sent);
            case TaskState.Paused:
                var resumed = await ResumeAsync(id, message, cancellationToken);
                return new TaskIntervention(InterventionOutcome.Resumed, resumed.Task!);
            case var ended when ended.IsTerminal():
                return new TaskIntervention(InterventionOutcome.Continued, await ContinueAsync(id, message, cancellationToken));
            default:
                throw BatonException.Conflict(
                    $"task {id} is {task.Status.ToWire()} and has not started; its prompt is what it will see (cancel it and queue it again to change that, or intervene once it runs)");
        }
    }

    /// <summary>An optional text a person gives: null if blank, refused if too long.</summary>
    private static string? Optional(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return System.Text.Encoding.UTF8.GetByteCount(text) <= MaxMessageBytes
            ? text
            : throw BatonException.Invalid($"{what} must be at most {MaxMessageBytes / 1024} KiB");
    }

    /// <summary>
    /// The full ids of the tasks a new task depends on; each must exist and must not have ended without completing
    /// (the new task could never run).
    /// </summary>
    private async Task<IReadOnlyList<string>> CheckDependenciesAsync(IReadOnlyList<string> dependsOn, CancellationToken cancellationToken)
    {
        if (dependsOn.Count > 100)
        {
            throw BatonException.Invalid($"depends_on lists {dependsOn.Count} tasks; the limit is 100");
        }

        var ids = new List<string>(dependsOn.Count);
        foreach (var idOrPrefix in dependsOn)
        {
            var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
            var upstream = await store.GetTaskAsync(id, cancellationToken)
                ?? throw BatonException.NotFound($"depends_on names task '{idOrPrefix}', which does not exist; 'baton task list' shows recent tasks");
            if (upstream.Status.IsTerminal() && upstream.Status != TaskState.Completed)
            {
                throw BatonException.Conflict(
                    $"depends_on names task {id}, which ended as {upstream.Status.ToWire()}, so this task could never run; retry it first ('baton task retry {id}') or leave it out");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>Turns an id or a unique prefix of one into the full id.</summary>
    public async Task<string> ResolveIdAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var text = idOrPrefix.Trim().ToLowerInvariant();
        if (!TaskIds.LooksLikeIdOrPrefix(text))
        {
            throw BatonException.Invalid(
                $"'{idOrPrefix}' is not a task id; {TaskIds.Shape}, as printed by 'baton task add' or 'baton task list'");
        }

        if (text.Length == TaskIds.Length)
        {
            return text;
        }

        var matches = await store.FindIdsByPrefixAsync(text, 6, cancellationToken);
        return matches.Count switch
        {
            0 => throw NotFound(idOrPrefix),
            1 => matches[0],
            _ => throw BatonException.Invalid(
                $"'{idOrPrefix}' matches several tasks ({string.Join(", ", matches.Take(5))}{(matches.Count > 5 ? ", ..." : string.Empty)}); type more characters"),
        };
    }

    private static BatonException NotFound(string idOrPrefix) =>
        BatonException.NotFound($"no task with id '{idOrPrefix}'; 'baton task list' shows recent tasks");
}
