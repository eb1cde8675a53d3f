using Microsoft.AspNetCore.Http;

namespace Baton.Dashboard;

/// <summary>
/// The headers on every dashboard response. The Content-Security-Policy allows only the daemon's own scripts,
/// styles and connections — no inline script or style, no other origin, no framing — so that even an agent's output
/// that slipped into the page as HTML could run nothing. Responses are revalidated each time (they are tiny, and
/// the ETag makes that a 304), so a new executable's page is seen at once.
/// </summary>
internal static class DashboardHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-cache";
    }
}
