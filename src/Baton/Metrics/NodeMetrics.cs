using Prometheus;

namespace Baton.Metrics;

/// <summary>
/// What this node did since it started: counters and histograms fed by the engine's attempts and the webhook
/// dispatcher. Prometheus sums them over the nodes of a cluster; the cluster's current state is in
/// <see cref="ClusterGauges"/> instead.
/// </summary>
internal sealed class NodeMetrics
{
    // Agent runs last from seconds to hours; command tasks from milliseconds.
    private static readonly double[] DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    // The bucket boundaries OpenTelemetry's GenAI conventions advise for gen_ai.client.token.usage.
    private static readonly double[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    public NodeMetrics(IMetricFactory factory)
    {
        Attempts = factory.CreateCounter("baton_attempts_total", "Attempts this node ran to their end, by how they ended.", ["runner", "agent", "status"]);
        Retries = factory.CreateCounter("baton_retries_total", "Attempts this node ran that ended with their task queued to retry.", ["runner", "agent"]);
        TasksEnded = factory.CreateCounter("baton_tasks_ended_total", "Tasks whose last attempt ran on this node, by final status.", ["runner", "agent", "status"]);
        AttemptDuration = factory.CreateHistogram(
            "baton_attempt_duration_seconds", "How long attempts on this node ran, from claim to end.", ["runner", "agent", "status"],
            new HistogramConfiguration { Buckets = DurationBuckets });
        QueueWait = factory.CreateHistogram(
            "baton_queue_wait_seconds", "How long tasks waited from due to claimed by this node.", ["runner", "agent"],
            new HistogramConfiguration { Buckets = DurationBuckets });
        TokenUsage = factory.CreateHistogram(
            "gen_ai_client_token_usage", "Tokens per agent attempt on this node, by token type and model (OpenTelemetry GenAI gen_ai.client.token.usage).",
            ["gen_ai_token_type", "gen_ai_agent_name", "gen_ai_request_model"],
            new HistogramConfiguration { Buckets = TokenBuckets });
        CostUsd = factory.CreateCounter(
            "baton_cost_usd_total", "Cost of agent attempts on this node in US dollars; estimated=\"true\" where Baton priced the tokens itself.",
            ["runner", "agent", "estimated"]);
        WebhookDeliveries = factory.CreateCounter(
            "baton_webhook_deliveries_total", "Webhook delivery attempts this node made, by outcome.", ["outcome"]);
    }

    public Counter Attempts { get; }

    public Counter Retries { get; }

    public Counter TasksEnded { get; }

    public Histogram AttemptDuration { get; }

    public Histogram QueueWait { get; }

    public Histogram TokenUsage { get; }

    public Counter CostUsd { get; }

    public Counter WebhookDeliveries { get; }
}
