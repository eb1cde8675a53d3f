using Microsoft.AspNetCore.Http;

namespace Baton.Access;

/// <summary>
/// Routes that need no caller, after the Host and Origin check: the dashboard's page and files (<c>GET /</c>,
/// <c>/share/...</c>, <c>/assets/...</c>: static, they hold no data), a share link's read route
/// (<c>GET /api/v1/shared/...</c>: the signed link is its credential), and the browser sign-in routes
/// (<c>/auth/...</c>: the API token, the one-time code or the session cookie they are given is theirs to check).
/// </summary>
internal static class PublicRoutes
{
    public static bool Admits(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/auth", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        return path.Value is "/" or ""
            || path.StartsWithSegments("/share", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/assets", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/v1/shared", StringComparison.OrdinalIgnoreCase);
    }
}
