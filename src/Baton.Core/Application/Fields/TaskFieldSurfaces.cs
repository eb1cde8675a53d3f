namespace Baton.Core.Application.Fields;

/// <summary>The interfaces through which a task is described.</summary>
[Flags]
public enum TaskFieldSurfaces
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>baton task add</c> and <c>baton workflow add-task</c>.</summary>
    Cli = 1,

    /// <summary><c>POST /api/v1/tasks</c> and <c>POST /api/v1/workflows/{id}/tasks</c>, and their OpenAPI schema.</summary>
    Rest = 2,

    /// <summary>The MCP tools <c>task_async</c> and <c>workflow_add_task</c>.</summary>
    Mcp = 4,

    /// <summary>A task of a workflow file.</summary>
    Yaml = 8,

    /// <summary>Every interface.</summary>
    All = Cli | Rest | Mcp | Yaml,
}
