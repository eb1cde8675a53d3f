using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Api;

/// <summary>REST under /api/v1, GET /health, and the OpenAPI document at /openapi/v1.json.</summary>
internal static class ApiEndpoints
{
    /// <summary>Maps every REST route, behind the middleware that answers failures with problem details.</summary>
    public static WebApplication MapBatonApi(this WebApplication app)
    {
        var startedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health"),
            api => api.UseMiddleware<ApiErrorMiddleware>());
        app.MapOpenApi();
        app.MapHealthApi(startedAt);
        app.MapTasksApi();
        app.MapTaskControlApi();
        app.MapInteractionsApi();
        app.MapTaskOutputApi();
        app.MapWorkflowsApi();
        app.MapWorkflowGatesApi();
        app.MapAgentsApi();
        app.MapWorkersApi();
        app.MapNotificationsApi();
        app.MapWebhooksApi();
        app.MapEventsApi();
        app.MapSchedulesApi();
        app.MapStatsApi();
        app.MapSessionsApi();
        app.MapSessionHandoffApi();
        app.MapInitiativesApi();
        app.MapStreamsApi();
        return app;
    }
}
