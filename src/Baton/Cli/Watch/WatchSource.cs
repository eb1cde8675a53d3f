using Baton.Core.Application.Views;
using Baton.Core.Events;
using Baton.Core.Storage;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Cli.Watch;

/// <summary>
/// What <c>baton watch</c> knows between frames: its place in the event log, the latest events, and which workflows
/// it shows (the one asked for; otherwise those running at the start and those that start later, the newest few).
/// </summary>
internal sealed class WatchSource
{
    private const int RecentCount = 8;
    private const int MostWorkflows = 4;
    private readonly CliRuntime runtime;
    private readonly string? workflowId;
    private readonly Queue<EventRecord> recent = new();
    private readonly List<string> shown = [];
    private EventCursor cursor = null!;

    private WatchSource(CliRuntime runtime, string? workflowId)
    {
        this.runtime = runtime;
        this.workflowId = workflowId;
    }

    public static async Task<WatchSource> OpenAsync(CliRuntime runtime, string? workflowId, CancellationToken cancellationToken = default)
    {
        var source = new WatchSource(runtime, workflowId);
        var filter = new EventFilter(WorkflowId: workflowId);
        var end = await runtime.Events.LatestIdAsync(cancellationToken);
        // The tail starts with the last few events before now.
        var earlier = await runtime.Events.ReadAsync(new EventQuery(Math.Max(0, end - 200), filter, 200), cancellationToken);
        foreach (var record in earlier.Where(e => e.Id <= end).TakeLast(RecentCount))
        {
            source.recent.Enqueue(record);
        }

        source.cursor = new EventCursor(runtime.Events, filter, end);
        if (workflowId is not null)
        {
            source.shown.Add(workflowId);
        }
        else
        {
            var running = await runtime.Workflows.ListAsync(new WorkflowQuery(WorkflowState.Running, MostWorkflows), cancellationToken);
            source.shown.AddRange(running.Select(w => w.Workflow.Id).Reverse());
        }

        return source;
    }

    /// <summary>Waits up to <paramref name="wait"/> for events; true if some arrived.</summary>
    public async Task<bool> PollAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var page = await cursor.NextAsync(wait, cancellationToken);
        foreach (var record in page)
        {
            recent.Enqueue(record);
            if (recent.Count > RecentCount)
            {
                recent.Dequeue();
            }

            if (workflowId is null && record.Type == EventTypes.WorkflowStarted && record.WorkflowId is { } started && !shown.Contains(started))
            {
                shown.Add(started);
                if (shown.Count > MostWorkflows)
                {
                    shown.RemoveAt(0);
                }
            }
        }

        return page.Count > 0;
    }

    /// <summary>Reads what the frame shows from the store.</summary>
    public async Task<WatchState> ReadAsync(string footer, CancellationToken cancellationToken = default)
    {
        var workflows = new List<WorkflowView>();
        foreach (var id in shown)
        {
            workflows.Add(WorkflowViews.Of(await runtime.Workflows.GetAsync(id, cancellationToken)));
        }

        IReadOnlyList<TaskRecord> tasks = workflowId is null
            ? [.. (await runtime.Tasks.ListAsync(new TaskQuery(TaskState.Running, Limit: 10), cancellationToken)).Where(t => t.Definition.WorkflowId is null)]
            : [];
        return new WatchState(workflows, tasks, [.. recent], footer);
    }
}
