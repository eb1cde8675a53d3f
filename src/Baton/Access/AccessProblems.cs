using Baton.Core.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Baton.Access;

/// <summary>
/// The access middleware's refusals as RFC 9457 problem details, with the RFC 6750 <c>WWW-Authenticate</c> challenge.
/// None of them repeats the presented token.
/// </summary>
internal static class AccessProblems
{
    private const string Realm = "Bearer realm=\"baton\"";
    private const string CreateHint = "create one with 'baton token create --name NAME --scope read|write|admin' on the daemon's machine";

    public static Task MissingTokenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "API token required",
            $"this Baton daemon requires an API token: send the header 'Authorization: Bearer TOKEN' ({CreateHint})",
            Realm);

    public static Task NotOwnerAsync(HttpContext context, string reason) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "Only the owner may use this daemon",
            $"{reason}. Other callers send an API token ('Authorization: Bearer TOKEN'; {CreateHint}); on a single-user machine the owner may set \"allow_other_users\": true in baton.json",
            Realm);

    public static Task ForeignHostAsync(HttpContext context, string reason) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden host or origin", reason, challenge: null);

    public static Task MalformedHeaderAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "API token required",
            "the Authorization header must be 'Bearer TOKEN' with a Baton API token (it starts with 'baton_')",
            $"{Realm}, error=\"invalid_request\"");

    public static Task InvalidTokenAsync(HttpContext context, TokenCheckOutcome outcome) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "Invalid API token",
            outcome == TokenCheckOutcome.Revoked
                ? $"the API token was revoked; use another one or {CreateHint}"
                : $"the API token is not valid (unknown, mistyped or cut short); check it or {CreateHint}",
            $"{Realm}, error=\"invalid_token\"");

    public static Task InsufficientScopeAsync(HttpContext context, CallerFeature caller) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Insufficient scope",
            $"{caller.Name} has scope {caller.Scope?.ToWire()}, which may only read (GET); {context.Request.Method} needs a token with scope write or admin",
            $"{Realm}, error=\"insufficient_scope\", scope=\"write\"",
            new Dictionary<string, object?> { ["required_scope"] = "write" });

    public static Task InvalidSessionAsync(HttpContext context, Baton.Core.Browser.BrowserSessionOutcome outcome) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "Browser session ended",
            outcome switch
            {
                Baton.Core.Browser.BrowserSessionOutcome.Expired => "the browser session expired (sessions last 7 days); sign in again with an API token, or open a new link from 'baton dashboard'",
                Baton.Core.Browser.BrowserSessionOutcome.TokenRevoked => "the API token this browser signed in with was revoked, which ended the session; sign in again with another token",
                _ => "the browser session is not valid (signed out, or unknown to this daemon); sign in again with an API token, or open a new link from 'baton dashboard'",
            },
            $"{Realm}, error=\"invalid_token\"");

    public static Task MissingCsrfAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "CSRF token required",
            $"a browser session's {context.Request.Method} must send the header '{SessionCookie.CsrfHeader}' with the csrf_token that GET /api/v1/session returns; without it the request could come from another site",
            challenge: null);

    public static Task UnavailableAsync(HttpContext context, string reason) =>
        WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", $"cannot check the API token now: {reason}", challenge: null);

    private static Task WriteAsync(HttpContext context, int status, string title, string detail, string? challenge, IDictionary<string, object?>? extensions = null)
    {
        if (challenge is not null)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        }

        return TypedResults.Problem(detail, RedactedPath.Of(context.Request.Path), status, title, extensions: extensions).ExecuteAsync(context);
    }
}
