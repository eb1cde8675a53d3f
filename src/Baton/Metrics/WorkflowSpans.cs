using System.Diagnostics;
using Baton.Core.Events;
using Baton.Core.Telemetry;
using Baton.Core.Workflows;

namespace Baton.Metrics;

/// <summary>
/// A workflow's span, the root of its trace: made once, when the workflow has ended, with its real start and end, since
/// a workflow outlives attempts, nodes and daemons and no span object could be held open for it. Its trace and span
/// ids are derived from the workflow's id (<see cref="TraceParents.Root"/>), the parent every attempt of its tasks named.
/// </summary>
internal static class WorkflowSpans
{
    /// <summary>The name of the workflows' activity source.</summary>
    public const string SourceName = "Baton.Workflows";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Emits the span of <paramref name="workflow"/>, whose end is the event <paramref name="ended"/>; false if it could not be.</summary>
    public static bool Emit(WorkflowRecord workflow, EventRecord ended)
    {
        if (!Source.HasListeners())
        {
            return false;
        }

        var start = workflow.StartedAt ?? workflow.CreatedAt;
        var end = workflow.CompletedAt ?? ended.At;
        // A root: nothing ambient may become its parent.
        Activity.Current = null;
        using var span = Source.StartActivity($"workflow {workflow.Name}", ActivityKind.Internal, default(ActivityContext), startTime: start);
        if (span is null)
        {
            return false;
        }

        if (!ActivityIdentity.TryAssign(span, TraceParents.Root(workflow.Id)))
        {
            // A span with another id would stand beside its attempts rather than above them: better none.
            span.IsAllDataRequested = false;
            span.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            return false;
        }

        span.SetTag("baton.workflow.id", workflow.Id).SetTag("baton.workflow.name", workflow.Name)
            .SetTag("baton.workflow.status", workflow.Status.ToWire());
        if (workflow.Status == WorkflowState.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error, workflow.Error);
        }
        else if (workflow.Status == WorkflowState.Completed)
        {
            span.SetStatus(ActivityStatusCode.Ok);
        }

        span.SetEndTime((end < start ? start : end).UtcDateTime);
        return true;
    }
}
