namespace Baton.Mcp.Resources;

/// <summary>What a Baton resource URI names.</summary>
internal enum ResourceKind
{
    Task,
    Workflow,
}

/// <summary>Baton's resource URIs: <c>baton://tasks/{task_id}</c> and <c>baton://workflows/{workflow_id}</c>.</summary>
internal static class ResourceUris
{
    public const string TaskTemplate = "baton://tasks/{task_id}";
    public const string WorkflowTemplate = "baton://workflows/{workflow_id}";
    private const string TaskPrefix = "baton://tasks/";
    private const string WorkflowPrefix = "baton://workflows/";

    public static string Task(string id) => TaskPrefix + id;

    public static string Workflow(string id) => WorkflowPrefix + id;

    /// <summary>Reads a URI; false unless it names a task or workflow by an id-shaped string (the id itself is checked by the lookup).</summary>
    public static bool TryParse(string? uri, out ResourceKind kind, out string id)
    {
        (kind, id) = uri switch
        {
            not null when uri.StartsWith(TaskPrefix, StringComparison.Ordinal) => (ResourceKind.Task, uri[TaskPrefix.Length..]),
            not null when uri.StartsWith(WorkflowPrefix, StringComparison.Ordinal) => (ResourceKind.Workflow, uri[WorkflowPrefix.Length..]),
            _ => (ResourceKind.Task, string.Empty),
        };
        return id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);
    }

    /// <summary>The message for a URI that names nothing of Baton's; it quotes at most the start of the URI.</summary>
    public static string Unknown(string? uri) =>
        $"'{(uri is { Length: > 80 } ? uri[..80] + "..." : uri)}' is not a Baton resource; they are {TaskTemplate} and {WorkflowTemplate}";
}
