using Baton.Core.Agents;
using Baton.Core.Errors;
using Baton.Core.Runners.Agents;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// What every front end does between reading a task and queuing it, the CLI and the servers alike: agents looked up
/// from the task's working directory, and a worktree asked for only inside a git repository.
/// </summary>
public static class TaskPreparation
{
    /// <summary>The agent definition named <paramref name="name"/>, looked up from <paramref name="workingDirectory"/>.</summary>
    /// <param name="name">The agent's name.</param>
    /// <param name="workingDirectory">The task's directory: its project's <c>.claude/agents</c> come first.</param>
    /// <param name="agentDirectories">Folders configured in <c>baton.json</c>.</param>
    public static AgentDefinition ResolveAgent(string name, string workingDirectory, IReadOnlyList<string> agentDirectories)
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var catalog = AgentCatalog.Load(AgentCatalog.DefaultDirectories(workingDirectory, home, agentDirectories));
        return catalog.Require(name);
    }

    /// <summary>Builds task definitions from requests, resolving agents from each task's working directory.</summary>
    /// <param name="agentDirectories">Folders configured in <c>baton.json</c>.</param>
    /// <param name="callerDirectory">Where relative working directories start, and the default one.</param>
    public static TaskRequestBuilder Builder(IReadOnlyList<string> agentDirectories, string callerDirectory) =>
        new((name, workingDirectory) => ResolveAgent(name, workingDirectory, agentDirectories), callerDirectory);

    /// <summary>Refuses a task that asks for a worktree (itself or through its agent) outside a git repository.</summary>
    public static async Task RequireRepositoryForWorktreeAsync(TaskDefinition definition, CancellationToken cancellationToken = default)
    {
        if (definition.Worktree && await GitWorkspace.SnapshotAsync(definition.WorkingDirectory, cancellationToken) is null)
        {
            throw BatonException.Invalid($"'{definition.WorkingDirectory}' is not inside a git repository; --worktree (or the agent's worktree: true) needs one");
        }
    }
}
