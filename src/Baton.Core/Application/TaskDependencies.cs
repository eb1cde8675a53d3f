using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Application;

/// <summary>
/// The check of a new task's <see cref="TaskDefinition.DependsOn"/> when it is queued, so that a task that could never
/// run is refused now rather than left waiting forever.
/// </summary>
/// <param name="store">The tasks depended on.</param>
/// <param name="ids">Resolves the ids or prefixes the new task names.</param>
internal sealed class TaskDependencies(ITaskStore store, TaskIdResolver ids)
{
    /// <summary>The most tasks one task may depend on.</summary>
    private const int MaxDependencies = 100;

    /// <summary>
    /// The full ids of the tasks a new task depends on; each must exist and must not have ended without completing
    /// (the new task could never run).
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckAsync(IReadOnlyList<string> dependsOn, CancellationToken cancellationToken = default)
    {
        if (dependsOn.Count > MaxDependencies)
        {
            throw BatonException.Invalid($"depends_on lists {dependsOn.Count} tasks; the limit is {MaxDependencies}");
        }

        var resolved = new List<string>(dependsOn.Count);
        foreach (var idOrPrefix in dependsOn)
        {
            var id = await ids.ResolveAsync(idOrPrefix, cancellationToken);
            var upstream = await store.GetTaskAsync(id, cancellationToken)
                ?? throw BatonException.NotFound($"depends_on names task '{idOrPrefix}', which does not exist; 'baton task list' shows recent tasks");
            if (upstream.Status.IsTerminal() && upstream.Status != TaskState.Completed)
            {
                throw BatonException.Conflict(
                    $"depends_on names task {id}, which ended as {upstream.Status.ToWire()}, so this task could never run; retry it first ('baton task retry {id}') or leave it out");
            }

            if (!resolved.Contains(id))
            {
                resolved.Add(id);
            }
        }

        return resolved;
    }
}
