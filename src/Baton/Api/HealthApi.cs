using System.Reflection;
using Baton.Configuration;
using Baton.Core.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Api;

/// <summary><c>GET /health</c>: a cheap answer that the daemon serves, with its version, workers and uptime.</summary>
internal static class HealthApi
{
    private static readonly string Version =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes, DateTimeOffset startedAt)
    {
        // Resolved when asked: a daemon that serves without workers (serve --workers 0) has no engine.
        routes.MapGet("/health", (BatonSettings settings, IServiceProvider services, TimeProvider time) => Health(settings, services.GetService<BatonEngine>(), time, startedAt))
            .WithTags("Health").WithName("GetHealth").WithSummary("Whether the daemon serves, its version, workers and uptime");
        return routes;
    }

    private static Ok<HealthView> Health(BatonSettings settings, BatonEngine? engine, TimeProvider time, DateTimeOffset startedAt) =>
        TypedResults.Ok(new HealthView("ok", Version, settings.Engine.Workers, engine?.WorkerId ?? WorkerIdentity.ForCurrentProcess(), startedAt, (long)(time.GetUtcNow() - startedAt).TotalSeconds));
}
