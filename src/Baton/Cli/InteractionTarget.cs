using Baton.Core.Errors;
using Baton.Core.Interactions;
using Baton.Core.Tasks;

namespace Baton.Cli;

/// <summary>
/// What <c>baton task approve|deny|answer ID</c> acts on: ID is an interaction id (<c>in_...</c>, as the inbox prints
/// it), or a task id or prefix, meaning that task's open interaction.
/// </summary>
internal static class InteractionTarget
{
    /// <summary>The interaction ID names; a task must have exactly one open.</summary>
    public static async Task<InteractionRecord> FindAsync(CliRuntime runtime, string id, CancellationToken cancellationToken = default)
    {
        var text = id.Trim().ToLowerInvariant();
        if (text.StartsWith(InteractionIds.Prefix, StringComparison.Ordinal))
        {
            return InteractionIds.LooksLikeId(text)
                ? await runtime.Interactions.GetAsync(text, cancellationToken)
                : throw BatonException.Invalid($"'{id}' is not an interaction id; {InteractionIds.Shape}");
        }

        var taskId = await runtime.Tasks.ResolveIdAsync(text, cancellationToken);
        var open = await runtime.Interactions.ListAsync(new InteractionQuery(InteractionStatus.Open, taskId, Limit: 10), cancellationToken);
        if (open.Count == 1)
        {
            return open[0];
        }

        if (open.Count > 1)
        {
            throw BatonException.Invalid(
                $"task {taskId} waits on {open.Count} answers ({string.Join("; ", open.Select(i => $"{i.Id}: {i.Ask.Summary}"))}); answer one by its id, e.g. 'baton task approve {open[0].Id}'");
        }

        var task = (await runtime.Tasks.GetAsync(taskId, cancellationToken)).Task;
        throw BatonException.Conflict($"task {taskId} is {task.Status.ToWire()} and waits for no answer; 'baton inbox' lists what does");
    }
}
