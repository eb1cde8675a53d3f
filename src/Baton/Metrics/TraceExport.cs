using Baton.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Baton.Metrics;

/// <summary>
/// Sends the engine's traces over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads that and the other
/// standard OTEL_* variables itself): one trace per workflow (or lone task). A workflow's span is its root, emitted
/// when it ends; under it a span per attempt (<c>invoke_agent</c> for agents) tagged with the runner, agent, model,
/// tokens and how it ended; under each agent's attempt a span per tool call (<c>execute_tool</c>). Flushed when the
/// daemon stops.
/// </summary>
internal sealed class TraceExport : IHostedService, IDisposable
{
    private TracerProvider? provider;

    public static bool IsConfigured() => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("baton"))
            .AddSource(WorkflowSpans.SourceName, AttemptTelemetry.SourceName, ToolCallSpans.SourceName, Webhooks.WebhookTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        provider?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose() => provider?.Dispose();
}
