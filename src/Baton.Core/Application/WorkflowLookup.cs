using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>
/// Finds a workflow from what a person typed (a full id or a unique prefix) and reads it: a snapshot for the checks
/// before a change, details with an estimate for the answer after it. Every workflow command names a workflow the
/// same way and gets the same message when it names none or several.
/// </summary>
/// <param name="store">The workflows.</param>
/// <param name="time">The clock, for the estimate of the time a workflow still needs.</param>
internal sealed class WorkflowLookup(IWorkflowStore store, TimeProvider time)
{
    /// <summary>Turns a workflow id or a unique prefix of one into the full id.</summary>
    public async Task<string> ResolveIdAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var text = idOrPrefix.Trim().ToLowerInvariant();
        WorkflowRules.Require(TaskIds.LooksLikeIdOrPrefix(text),
            $"'{idOrPrefix}' is not a workflow id; {TaskIds.Shape}, as printed by 'baton workflow create' or 'baton workflow list'");
        var matches = await store.FindIdsByPrefixAsync(text, 6, cancellationToken);
        return matches.Count switch
        {
            0 => throw NotFound(idOrPrefix),
            1 => matches[0],
            _ when matches.Contains(text) => text,
            _ => throw BatonException.Invalid($"'{idOrPrefix}' matches several workflows ({string.Join(", ", matches.Take(5))}); type more characters"),
        };
    }

    /// <summary>The workflow's graph as it is now, to check a change against.</summary>
    public async Task<WorkflowSnapshot> SnapshotAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        return await store.GetSnapshotAsync(id, cancellationToken) ?? throw NotFound(idOrPrefix);
    }

    /// <summary>The workflow with its phases, tasks and an estimate of the time it still needs.</summary>
    public async Task<WorkflowDetails> DetailsAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var id = await ResolveIdAsync(idOrPrefix, cancellationToken);
        var contents = await store.GetContentsAsync(id, cancellationToken) ?? throw NotFound(idOrPrefix);
        var unfinished = contents.Tasks.Where(t => !t.Status.IsTerminal()).Select(t => t.Definition.Name).Distinct(StringComparer.Ordinal).ToList();
        var typical = unfinished.Count == 0 ? new Dictionary<string, TimeSpan>() : await store.TypicalDurationsAsync(unfinished, cancellationToken);
        var now = time.GetUtcNow();
        return new WorkflowDetails(contents, WorkflowEstimator.Remaining(contents, typical, now), now);
    }

    /// <summary>A task id of the workflow, given in full or as a unique prefix; anything else is kept for the graph check to report.</summary>
    public static string ResolveTaskId(WorkflowSnapshot snapshot, string idOrPrefix)
    {
        var text = idOrPrefix.Trim().ToLowerInvariant();
        var matches = snapshot.Tasks.Where(t => t.Id.StartsWith(text, StringComparison.Ordinal)).Take(2).ToList();
        return text.Length >= TaskIds.MinimumPrefix && matches.Count == 1 ? matches[0].Id : idOrPrefix;
    }

    /// <summary>The one message for a workflow id that matches none (the gate errors say the same).</summary>
    public static BatonException NotFound(string idOrPrefix) =>
        BatonException.NotFound($"no workflow with id '{idOrPrefix}'; 'baton workflow list' shows recent workflows");
}
