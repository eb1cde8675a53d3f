using Baton.Core.Application;
using Baton.Core.Tasks;

namespace Baton.Mcp.Tools;

/// <summary>Turns a tool's task request into a task definition the way the CLI does: agent resolved, defaults applied, worktree checked.</summary>
internal static class TaskDefinitions
{
    public static async Task<TaskDefinition> BuildAsync(McpBackend backend, TaskRequest request, CancellationToken cancellationToken = default)
    {
        // Over HTTP there is no caller directory; the request's absolute working_directory stands in (checked when read).
        var callerDirectory = backend.DefaultDirectory ?? request.WorkingDirectory!;
        // Checked before the agent is looked up there, which would otherwise report the agent as unknown.
        if (request.WorkingDirectory is { } directory && !Directory.Exists(Path.GetFullPath(directory, callerDirectory)))
        {
            throw new ToolArgumentException($"'{TaskArguments.WorkingDirectory}' {Path.GetFullPath(directory, callerDirectory)} does not exist");
        }

        var definition = TaskPreparation.Builder(backend.Settings.AgentDirectories, callerDirectory).Build(request);
        await TaskPreparation.RequireRepositoryForWorktreeAsync(definition, cancellationToken);
        return definition;
    }
}
