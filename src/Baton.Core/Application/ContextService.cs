using System.Text.Json;
using Baton.Core.Attempts;
using Baton.Core.Errors;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// What an agent run by Baton says back about its own task: a context capsule saved for whoever continues the work,
/// the capsules it may read, and its own progress. Every call names the task and attempt the agent runs as; an agent
/// cannot save into, or report for, any other, and reads only its own task's, its sessions', its workflow's and its
/// upstream tasks' capsules. The secret-looking values of the task's environment and of the agent process's
/// environment (<c>agentEnvironment</c>) may never be saved.
/// </summary>
public sealed class ContextService(
    ITaskStore tasks,
    ICapsuleStore capsules,
    IAttemptStore attempts,
    TimeProvider time,
    IReadOnlyDictionary<string, string> agentEnvironment)
{
    /// <summary>Checks a capsule (shape, size, secrets) and stores it for the attempt's task, session and workflow.</summary>
    public async Task<CapsuleRecord> SaveAsync(string taskId, int attempt, JsonElement capsule, CancellationToken cancellationToken = default)
    {
        var (task, record) = await RunningAsync(taskId, attempt, cancellationToken);
        var checkedCapsule = CapsuleRules.Check(capsule, SecretValues.From(task.Definition.Environment, agentEnvironment));
        var now = time.GetUtcNow();
        var saved = new CapsuleRecord(
            CapsuleIds.New(now),
            task.Id,
            attempt,
            record.Progress?.SessionId ?? record.Details?.SessionId,
            task.Definition.WorkflowId,
            task.Definition.AgentName ?? task.Definition.Runner,
            now,
            checkedCapsule);
        await capsules.SaveAsync(saved, cancellationToken);
        return saved;
    }

    /// <summary>
    /// The latest capsule(s) in <paramref name="scope"/>, as seen from <paramref name="taskId"/>: <paramref name="id"/>
    /// defaults to the task itself, its latest session or its workflow; another id must be the task's upstream or a
    /// task of its workflow (scope task) or one of its own sessions (scope session).
    /// </summary>
    public async Task<IReadOnlyList<CapsuleRecord>> LoadAsync(string taskId, ContextScope scope, string? id, CancellationToken cancellationToken = default)
    {
        var task = await tasks.GetTaskAsync(taskId, cancellationToken) ?? throw NotFound(taskId);
        switch (scope)
        {
            case ContextScope.Task:
                var target = id ?? task.Id;
                if (target != task.Id && !task.Definition.DependsOn.Contains(target) && !await InSameWorkflowAsync(task, target, cancellationToken))
                {
                    throw new BatonException(ErrorKind.InvalidInput, $"task {target} is neither this task, one it depends on, nor one of its workflow: an agent reads only the capsules of its own work");
                }

                return await capsules.LatestForTaskAsync(target, cancellationToken) is { } latest ? [latest] : [];
            case ContextScope.Session:
                var sessions = (await tasks.GetAttemptsAsync(task.Id, cancellationToken))
                    .Select(a => a.Details?.SessionId ?? a.Progress?.SessionId).OfType<string>().ToList();
                var session = id ?? sessions.LastOrDefault();
                if (session is null)
                {
                    return [];
                }

                if (!sessions.Contains(session))
                {
                    throw new BatonException(ErrorKind.InvalidInput, $"session {session} is not one this task ran in: an agent reads only the capsules of its own sessions");
                }

                return await capsules.LatestForSessionAsync(session, cancellationToken) is { } inSession ? [inSession] : [];
            default:
                if (task.Definition.WorkflowId is not { } workflow)
                {
                    throw new BatonException(ErrorKind.InvalidInput, "this task is not part of a workflow; load scope task or session instead");
                }

                if (id is not null && id != workflow)
                {
                    throw new BatonException(ErrorKind.InvalidInput, $"workflow {id} is not this task's ({workflow}): an agent reads only its own workflow's capsules");
                }

                return await capsules.LatestForWorkflowAsync(workflow, cancellationToken);
        }
    }

    /// <summary>
    /// Records the agent's own progress on its running attempt: the task's <c>progress.percent</c> and
    /// <c>current_step</c> show it, and the time-remaining estimate follows it.
    /// </summary>
    public async Task<AgentReport> ProgressAsync(string taskId, int attempt, double percent, string step, CancellationToken cancellationToken = default)
    {
        if (double.IsNaN(percent) || percent < 0 || percent > 100)
        {
            throw new BatonException(ErrorKind.InvalidInput, $"'percent' must be a number from 0 to 100 (got {percent.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        if (string.IsNullOrWhiteSpace(step))
        {
            throw new BatonException(ErrorKind.InvalidInput, "'step' must not be empty: say in a few words what you are doing");
        }

        if (step.Length > AgentReport.MaxStepLength)
        {
            throw new BatonException(ErrorKind.InvalidInput, $"'step' is {step.Length} characters long; the limit is {AgentReport.MaxStepLength}: say it in fewer words");
        }

        var report = new AgentReport((int)Math.Round(percent), step.Trim(), time.GetUtcNow());
        return await attempts.RecordReportAsync(new AttemptKey(taskId, attempt), report, cancellationToken)
            ? report
            : throw NotRunning(taskId, attempt);
    }

    private async Task<(TaskRecord Task, AttemptRecord Attempt)> RunningAsync(string taskId, int attempt, CancellationToken cancellationToken)
    {
        var task = await tasks.GetTaskAsync(taskId, cancellationToken) ?? throw NotFound(taskId);
        var record = (await tasks.GetAttemptsAsync(taskId, cancellationToken)).FirstOrDefault(a => a.Key.Number == attempt);
        return record is { Status: AttemptState.Running } ? (task, record) : throw NotRunning(taskId, attempt);
    }

    private async Task<bool> InSameWorkflowAsync(TaskRecord task, string otherId, CancellationToken cancellationToken) =>
        task.Definition.WorkflowId is { } workflow
        && await tasks.GetTaskAsync(otherId, cancellationToken) is { } other
        && other.Definition.WorkflowId == workflow;

    private static BatonException NotFound(string taskId) =>
        new(ErrorKind.NotFound, $"task {taskId} does not exist");

    private static BatonException NotRunning(string taskId, int attempt) =>
        new(ErrorKind.Conflict, $"attempt {attempt} of task {taskId} is no longer running, so it can save nothing more; finish your answer");
}
