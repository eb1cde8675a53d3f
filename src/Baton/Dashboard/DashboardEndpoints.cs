using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Baton.Dashboard;

/// <summary>
/// The dashboard's page and files: <c>GET /</c> and <c>GET /share/{token}</c> answer with the page (it routes
/// itself: hash routes, and the share view by its path), <c>GET /assets/{file}</c> with a file. They hold no data,
/// so they need no credential; the page asks the API, under the API's rules, for everything it shows.
/// </summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapBatonDashboardPages(this IEndpointRouteBuilder routes)
    {
        var assets = routes.ServiceProvider.GetRequiredService<DashboardAssets>();
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        routes.MapMethods("/", methods, (HttpContext context) => ServeAsync(context, assets.Index)).ExcludeFromDescription();
        routes.MapMethods("/share/{token}", methods, (HttpContext context) => ServeAsync(context, assets.Index)).ExcludeFromDescription();
        routes.MapMethods("/assets/{file}", methods, (HttpContext context, string file) => ServeAsync(context, assets.Find(file))).ExcludeFromDescription();
        return routes;
    }

    private static async Task ServeAsync(HttpContext context, DashboardAsset? asset)
    {
        var response = context.Response;
        DashboardHeaders.Apply(response);
        if (asset is null)
        {
            await TypedResults.Problem(
                $"the dashboard has no file {context.Request.Path}; its files are index.html, app.js and app.css under /assets/",
                context.Request.Path, StatusCodes.Status404NotFound, "Not found").ExecuteAsync(context);
            return;
        }

        var encoding = Choose(context.Request.Headers.AcceptEncoding.ToString());
        var (body, etag) = asset.For(encoding);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.ETag = etag;
        if (Matches(context.Request.Headers.IfNoneMatch.ToString(), etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = asset.ContentType;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>br if the client takes it, else gzip, else none (a q of 0 refuses an encoding).</summary>
    private static string? Choose(string acceptEncoding)
    {
        var accepted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var refused = pieces.Skip(1).Any(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(p.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q <= 0);
            if (!refused)
            {
                accepted.Add(pieces[0]);
            }
        }

        return accepted.Contains("br") ? "br" : accepted.Contains("gzip") ? "gzip" : null;
    }

    private static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Length > 0
        && ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Any(t => t == "*" || t == etag || t == "W/" + etag);
}
