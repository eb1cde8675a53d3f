using Baton.Core.Errors;
using Baton.Core.Runners.Claude;
using Baton.Core.Runners.Codex;
using Baton.Core.Runners.Command;
using Baton.Core.Sessions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// The rules for a task that takes up another task's agent session (<see cref="TaskDefinition.Session"/>), checked
/// when it is queued so that it never fails later for a reason known now: the runner must be able to do it, the
/// source must be an agent task of the same runner, and it must have had a session, or be one this task waits for.
/// </summary>
public static class SessionSources
{
    /// <summary>The runners whose CLI can copy a session, leaving the original as it was.</summary>
    public static readonly IReadOnlyList<string> ForkingRunners = [ClaudeRunner.RunnerName, CodexRunner.RunnerName];

    /// <summary>Refuses a session use the task's runner cannot do; nothing for a task that takes up no session.</summary>
    public static void RequireRunnerCan(TaskDefinition definition)
    {
        if (definition.Session is not { } source)
        {
            return;
        }

        if (definition.Runner == CommandRunner.RunnerName)
        {
            throw BatonException.Invalid("a command task has no agent session; only agent tasks can take up another task's session");
        }

        if (source.Use == SessionUse.Fork && !ForkingRunners.Contains(definition.Runner))
        {
            throw BatonException.Invalid(
                $"the {definition.Runner} runner cannot fork a session; {string.Join(" and ", ForkingRunners)} can (a {definition.Runner} task can continue one instead)");
        }
    }

    /// <summary>
    /// Checks the source task (its id already resolved) against the task that takes up its session; throws not found,
    /// invalid input or conflict with what to do.
    /// </summary>
    public static async Task CheckAsync(ITaskStore store, TaskDefinition definition, CancellationToken cancellationToken = default)
    {
        if (definition.Session is not { } session)
        {
            return;
        }

        RequireRunnerCan(definition);
        var source = await store.GetTaskAsync(session.TaskId, cancellationToken)
            ?? throw BatonException.NotFound($"the session to {session.Use.ToWire()} belongs to task '{session.TaskId}', which does not exist; 'baton task list' shows recent tasks");
        if (source.Definition.Runner != definition.Runner)
        {
            throw BatonException.Invalid(
                $"task {source.Id} ran on the {source.Definition.Runner} runner and this task on {definition.Runner}; a session can only be taken up by the runner that made it");
        }

        if (!source.Status.IsTerminal())
        {
            // A task queued to follow its source (the next task of a stream) finds the session when it runs.
            if (definition.DependsOn.Contains(source.Id))
            {
                return;
            }

            throw BatonException.Conflict(
                $"task {source.Id} is {source.Status.ToWire()}; its session can be taken up once it ends ('baton task wait {source.Id}'), or by a task that depends on it");
        }

        var attempts = await store.GetAttemptsAsync(source.Id, cancellationToken);
        if (!attempts.Any(a => (a.Details?.SessionId ?? a.Progress?.SessionId) is not null))
        {
            throw BatonException.Conflict($"task {source.Id} never had an agent session (it ended before its agent started), so there is nothing to {session.Use.ToWire()}");
        }
    }
}
