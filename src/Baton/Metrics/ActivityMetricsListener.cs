using System.Diagnostics;
using Baton.Core.Attempts;
using Baton.Core.Tasks;
using Baton.Core.Telemetry;
using Microsoft.Extensions.Hosting;

namespace Baton.Metrics;

/// <summary>
/// Turns the engine's ended attempts and the webhook dispatcher's deliveries into <see cref="NodeMetrics"/>: listens
/// to their activity sources, so neither knows anything of Prometheus, and both pay nothing when no one listens.
/// </summary>
internal sealed class ActivityMetricsListener(NodeMetrics metrics) : IHostedService, IDisposable
{
    private ActivityListener? listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is AttemptTelemetry.SourceName or Webhooks.WebhookTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        listener?.Dispose();
        listener = null;
    }

    /// <summary>Counts one ended attempt (the activity's start is when the task was claimed) or webhook delivery.</summary>
    internal void OnStopped(Activity activity)
    {
        if (activity.OperationName == Webhooks.WebhookTelemetry.DeliveryActivity)
        {
            if (activity.GetTagItem(Webhooks.WebhookTelemetry.OutcomeTag) is string outcome)
            {
                metrics.WebhookDeliveries.WithLabels(outcome).Inc();
            }

            return;
        }

        if (activity.OperationName == AttemptTelemetry.ActivityName && activity.GetCustomProperty(AttemptTelemetry.Property) is AttemptTelemetry ended)
        {
            Record(ended, activity.StartTimeUtc, activity.Duration);
        }
    }

    /// <summary>Counts one ended attempt that was claimed at <paramref name="claimedAt"/> and ran for <paramref name="duration"/>.</summary>
    internal void Record(AttemptTelemetry ended, DateTime claimedAt, TimeSpan duration)
    {
        var definition = ended.Task.Definition;
        var (runner, agent) = (definition.Runner, definition.AgentName ?? "");
        var status = ended.AttemptStatus.ToWire();
        metrics.Attempts.WithLabels(runner, agent, status).Inc();
        metrics.AttemptDuration.WithLabels(runner, agent, status).Observe(duration.TotalSeconds);
        var wait = new DateTimeOffset(claimedAt, TimeSpan.Zero) - ended.Task.DueAt;
        metrics.QueueWait.WithLabels(runner, agent).Observe(Math.Max(0, wait.TotalSeconds));
        if (ended.TaskStatus == TaskState.Retrying)
        {
            metrics.Retries.WithLabels(runner, agent).Inc();
        }
        else if (ended.TaskStatus.IsTerminal())
        {
            metrics.TasksEnded.WithLabels(runner, agent, ended.TaskStatus.ToWire()).Inc();
        }

        if (ended.Details is not { } details)
        {
            return;
        }

        foreach (var (model, usage) in details.Models)
        {
            metrics.TokenUsage.WithLabels("input", agent, model).Observe(usage.InputTokens);
            metrics.TokenUsage.WithLabels("output", agent, model).Observe(usage.OutputTokens);
            metrics.TokenUsage.WithLabels("cache_read", agent, model).Observe(usage.CacheReadTokens);
            metrics.TokenUsage.WithLabels("cache_write", agent, model).Observe(usage.CacheWriteTokens);
        }

        if (details.CostUsd is { } cost)
        {
            metrics.CostUsd.WithLabels(runner, agent, details.CostEstimated ? "true" : "false").Inc((double)cost);
        }
    }
}
