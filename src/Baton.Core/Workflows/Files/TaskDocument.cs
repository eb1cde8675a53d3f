using Baton.Core.Application;

namespace Baton.Core.Workflows.Files;

/// <summary>A task of a workflow file, with the file's defaults applied and its placeholders filled.</summary>
/// <param name="Key">The task's <c>id:</c> in the file, if it has one: other tasks of the file name it in their <c>depends_on</c>.</param>
/// <param name="Request">The task; its <see cref="TaskRequest.DependsOn"/> holds keys of other tasks of the same file, not task ids.</param>
public sealed record TaskDocument(string? Key, TaskRequest Request)
{
    /// <summary>Where the task is written, for messages: <c>feature.yaml:12</c> (empty for a task not read from a file).</summary>
    public string Location { get; init; } = string.Empty;
}
