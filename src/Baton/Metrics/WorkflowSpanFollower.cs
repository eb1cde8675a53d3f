using Baton.Core.Cluster;
using Baton.Core.Events;
using Baton.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Metrics;

/// <summary>
/// Emits each workflow's span (<see cref="WorkflowSpans"/>) when the event log says it ended. Every node sees the
/// event, so one node of a cluster does it: the holder of the traces lease. Like hooks it follows from where the log
/// ended when it started (or took over): a workflow that ended while no daemon ran has no span, its attempts' spans
/// still share its trace.
/// </summary>
internal sealed partial class WorkflowSpanFollower(
    EventFeed feed, IEventStore events, IWorkflowStore workflows, ClusterDuties duties, ILogger<WorkflowSpanFollower> logger) : BackgroundService
{
    private static readonly EventFilter Ends = new(Types: [EventTypes.WorkflowCompleted, EventTypes.WorkflowFailed, EventTypes.WorkflowCancelled]);

    private long start;
    private bool taken;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        start = await events.LatestIdAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => duties.For(ClusterDutyNames.Traces).RunAsync(FollowAsync, stoppingToken);

    private async Task FollowAsync(CancellationToken held)
    {
        var from = taken ? await events.LatestIdAsync(held) : start;
        taken = true;
        await foreach (var record in feed.SubscribeAsync(from, Ends, held))
        {
            if (record.WorkflowId is not { } id || await workflows.GetSnapshotAsync(id, held) is not { } snapshot)
            {
                continue;
            }

            if (!WorkflowSpans.Emit(snapshot.Workflow, record))
            {
                LogNotEmitted(logger, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The span of workflow {WorkflowId} was not emitted")]
    private static partial void LogNotEmitted(ILogger logger, string workflowId);
}
