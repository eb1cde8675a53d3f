using Microsoft.AspNetCore.Http;

namespace Baton.Access;

/// <summary>
/// The browser session's cookie, <c>baton_session</c>: HttpOnly (the page's script never sees it), SameSite=Strict
/// (no other site's page or link sends it), for the whole daemon, and Secure when the daemon is reached over https.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "baton_session";

    /// <summary>The header a cookie-authenticated write must carry, with the session's CSRF token.</summary>
    public const string CsrfHeader = "X-Baton-Csrf";

    /// <summary>The secret the request's cookie carries; null without one.</summary>
    public static string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var value) && value.Length > 0 ? value : null;

    public static void Write(HttpContext context, string secret, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(Name, secret, Options(context, expiresAt));

    /// <summary>Tells the browser to forget the cookie.</summary>
    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context, expires: null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = context.Request.IsHttps,
        Expires = expires,
        IsEssential = true,
    };
}
