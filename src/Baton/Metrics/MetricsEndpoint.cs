using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Baton.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the Prometheus text format, or OpenMetrics when the Accept header asks for it (as Prometheus
/// does when it may). Behind the same access rules as the API: a read token is enough.
/// </summary>
internal static class MetricsEndpoint
{
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static IEndpointRouteBuilder MapBatonMetrics(this IEndpointRouteBuilder routes)
    {
        if (MetricsServices.IsEnabled())
        {
            routes.MapGet("/metrics", WriteAsync).ExcludeFromDescription();
        }

        return routes;
    }

    private static async Task WriteAsync(HttpContext context, BatonMetrics metrics)
    {
        var openMetrics = context.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase));
        // Collected whole before the first byte goes out: a store that fails mid-scrape gives an error, not half a page.
        using var buffer = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(
            buffer, openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText, context.RequestAborted);
        context.Response.ContentType = openMetrics ? OpenMetricsContentType : PrometheusContentType;
        context.Response.Headers.CacheControl = "no-store";
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
