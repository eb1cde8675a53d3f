using Baton.Api;
using Baton.Shares;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Dashboard;

/// <summary>The dashboard in the daemon: its page and files, browser sign-in and sessions, and share links.</summary>
internal static class DashboardApp
{
    /// <summary>The embedded files (read once) and the JSON of the dashboard's routes.</summary>
    public static IServiceCollection AddBatonDashboard(this IServiceCollection services)
    {
        services.AddSingleton(new DashboardAssets(typeof(DashboardApp).Assembly));
        services.AddSingleton<SharedViews>();
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Add(DashboardJsonContext.Default));
        return services;
    }

    /// <summary>Maps the page and files, the session and sign-in routes, and the share links' REST routes.</summary>
    public static WebApplication MapBatonDashboard(this WebApplication app)
    {
        // The sign-in routes answer failures with problem details, as REST does (which already covers /api).
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/auth"), auth => auth.UseMiddleware<ApiErrorMiddleware>());
        app.MapBatonDashboardPages();
        app.MapBrowserAuth();
        app.MapSharesApi();
        app.MapSharedApi();
        return app;
    }
}
