using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// How a person steers an agent task's session, whatever state the task is in: a message into it while it runs, a
/// follow-up once it ended, a pause that keeps the session and a resume that continues it. Kept apart from queuing
/// and reading tasks because these rules are about the session, not the queue.
/// </summary>
/// <param name="tasks">Resolves and reads tasks.</param>
/// <param name="store">The tasks.</param>
/// <param name="notifier">Tells the engine of queued work and of tasks that need its attention.</param>
/// <param name="time">The clock.</param>
/// <param name="interactions">Where messages into running sessions are kept; without it a running task cannot be reached.</param>
internal sealed class TaskSteering(TaskService tasks, ITaskStore store, IWorkNotifier notifier, TimeProvider time, IInteractionStore? interactions)
{
    /// <inheritdoc cref="TaskService.ContinueAsync"/>
    public async Task<TaskRecord> ContinueAsync(string idOrPrefix, string followUp, CancellationToken cancellationToken = default)
    {
        var details = await tasks.GetAsync(idOrPrefix, cancellationToken);
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

    /// <inheritdoc cref="TaskService.PauseAsync"/>
    public async Task<TaskChangeResult> PauseAsync(string idOrPrefix, string? reason, CancellationToken cancellationToken = default)
    {
        reason = Optional(reason, "the reason");
        var id = await tasks.ResolveIdAsync(idOrPrefix, cancellationToken);
        var result = await store.PauseAsync(id, reason, time.GetUtcNow(), cancellationToken);
        switch (result.Outcome)
        {
            case TaskChangeOutcome.NotFound:
                throw TaskIdResolver.NotFound(idOrPrefix);
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

    /// <inheritdoc cref="TaskService.ResumeAsync"/>
    public async Task<TaskChangeResult> ResumeAsync(string idOrPrefix, string? message, CancellationToken cancellationToken = default)
    {
        message = Optional(message, "the message");
        var id = await tasks.ResolveIdAsync(idOrPrefix, cancellationToken);
        var result = await store.ResumeAsync(id, message, time.GetUtcNow(), cancellationToken);
        switch (result.Outcome)
        {
            case TaskChangeOutcome.NotFound:
                throw TaskIdResolver.NotFound(idOrPrefix);
            case TaskChangeOutcome.NotAllowed:
                throw BatonException.Conflict($"task {id} is {result.Task!.Status.ToWire()}, not paused; only a paused task can be resumed");
            case TaskChangeOutcome.Changed when result.Task!.Status == TaskState.Pending:
                await notifier.NotifyAsync(WorkChange.Queued, cancellationToken);
                break;
        }

        return result;
    }

    /// <inheritdoc cref="TaskService.InterveneAsync"/>
    public async Task<TaskIntervention> InterveneAsync(string idOrPrefix, string message, string sentBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(message) || System.Text.Encoding.UTF8.GetByteCount(message) > TaskService.MaxMessageBytes)
        {
            throw BatonException.Invalid($"the message must be non-empty and at most {TaskService.MaxMessageBytes / 1024} KiB");
        }

        var id = await tasks.ResolveIdAsync(idOrPrefix, cancellationToken);
        var task = await store.GetTaskAsync(id, cancellationToken) ?? throw TaskIdResolver.NotFound(idOrPrefix);
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

        return System.Text.Encoding.UTF8.GetByteCount(text) <= TaskService.MaxMessageBytes
            ? text
            : throw BatonException.Invalid($"{what} must be at most {TaskService.MaxMessageBytes / 1024} KiB");
    }
}
