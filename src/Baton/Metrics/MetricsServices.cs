using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Baton.Metrics;

/// <summary>Registers the daemon's metrics (<c>GET /metrics</c>) and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, its OTLP traces.</summary>
internal static class MetricsServices
{
    /// <summary>False when BATON_METRICS is <c>off</c>: no /metrics, and nothing listens to the engine's attempts for it.</summary>
    public static bool IsEnabled() => !string.Equals(Environment.GetEnvironmentVariable("BATON_METRICS"), "off", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddBatonMetrics(this IServiceCollection services)
    {
        if (IsEnabled())
        {
            services.AddMetricsOnly();
        }

        if (TraceExport.IsConfigured())
        {
            services.AddHostedService<TraceExport>();
            services.AddHostedService<WorkflowSpanFollower>();
        }

        return services;
    }

    private static void AddMetricsOnly(this IServiceCollection services)
    {
        services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        services.AddSingleton<IMetricFactory>(sp => Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>()));
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton<ClusterGauges>();
        services.AddSingleton<BatonMetrics>();
        services.AddSingleton<ActivityMetricsListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivityMetricsListener>());
        services.AddHostedService<ScheduleMetricsFollower>();
    }
}
