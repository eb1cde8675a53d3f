using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Daemon;

/// <summary>
/// In front of every route: once <see cref="DataDirectoryGuard"/> found the data directory deleted, requests get 503
/// with its reason instead of reaching a store no one can read again. /health still answers, so that a daemon of a
/// new data directory can tell that a Baton daemon holds the port.
/// </summary>
internal static class DataDirectoryGate
{
    public static WebApplication UseDataDirectoryGate(this WebApplication app)
    {
        var guard = app.Services.GetRequiredService<DataDirectoryGuard>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) && guard.Check() is { } problem)
            {
                await TypedResults.Problem(problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Data directory deleted").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }
}
