using Baton.Access;
using Baton.Api;
using Baton.Core.Access;
using Baton.Core.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Baton.Dashboard;

/// <summary>
/// How a browser gets in and out: <c>GET /api/v1/session</c> says who the page is; <c>POST /auth/sign-in</c> trades
/// an API token for a session cookie with the token's scope; <c>GET /auth/open?code=</c> trades the one-time code of
/// <c>baton dashboard</c> for the owner's session and goes to the page; <c>POST /auth/sign-out</c> ends the session.
/// </summary>
internal static class BrowserAuthEndpoints
{
    public static IEndpointRouteBuilder MapBrowserAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/session").WithTags("Browser").WithApiProblems().MapGet("", Session)
            .WithName("GetSession").WithSummary("Who the caller is: loopback, token or session, its scope, and a session's CSRF token")
            .WithDescription("A browser session's writes must send csrf_token as the header X-Baton-Csrf.");
        var auth = routes.MapGroup("/auth").WithTags("Browser").WithApiProblems();
        auth.MapPost("/sign-in", SignInAsync).Accepts<SignInBody>("application/json")
            .WithName("SignIn").WithSummary("Open a browser session with an API token")
            .WithDescription("204 with the HttpOnly cookie baton_session; the session has the token's scope, lasts 7 days, and ends when the token is revoked.");
        auth.MapPost("/sign-out", SignOutAsync).WithName("SignOut").WithSummary("End the browser session and clear its cookie");
        auth.MapGet("/open", OpenAsync).WithName("OpenSession").WithSummary("Use a one-time link from 'baton dashboard': sets the session cookie and redirects to the dashboard");
        return routes;
    }

    private static Ok<SessionView> Session(HttpContext context)
    {
        var caller = context.Features.Get<CallerFeature>() ?? CallerFeature.Anonymous;
        return TypedResults.Ok(new SessionView(caller.Kind, (caller.Scope ?? TokenScope.Admin).ToWire(), caller.DisplayName, caller.CsrfToken));
    }

    private static async Task<NoContent> SignInAsync(HttpContext context, TokenService tokens, BrowserSessionService sessions, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, DashboardJsonContext.Default.SignInBody, cancellationToken);
        var check = await tokens.AuthenticateAsync(body.Token, cancellationToken);
        if (!check.IsValid)
        {
            // Never the token: only what was wrong with it.
            throw new ApiInputException(
                check.Outcome == TokenCheckOutcome.Revoked
                    ? "that API token was revoked; sign in with another one ('baton token create --name NAME --scope read|write' makes one)"
                    : "that is not a valid API token (they start with 'baton_'); check it, or make one with 'baton token create --name NAME --scope read|write'",
                "token", StatusCodes.Status401Unauthorized);
        }

        var opened = await sessions.OpenForTokenAsync(check.Token!, cancellationToken);
        SessionCookie.Write(context, opened.Secret, opened.Session.ExpiresAt);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context, BrowserSessionService sessions, CancellationToken cancellationToken)
    {
        if (SessionCookie.Read(context.Request) is { } secret && (await sessions.AuthenticateAsync(secret, cancellationToken)).IsValid)
        {
            // A live session's sign-out is a write like any other: another site must not end it.
            if (!BrowserSecrets.CsrfMatches(secret, context.Request.Headers[SessionCookie.CsrfHeader].ToString()))
            {
                throw new ApiInputException(
                    $"send the header '{SessionCookie.CsrfHeader}' with the csrf_token that GET /api/v1/session returns to sign out",
                    SessionCookie.CsrfHeader, StatusCodes.Status403Forbidden);
            }

            await sessions.SignOutAsync(secret, cancellationToken);
        }

        SessionCookie.Clear(context);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> OpenAsync(HttpContext context, string? code, BrowserSessionService sessions, CancellationToken cancellationToken)
    {
        var (outcome, opened) = await sessions.OpenWithCodeAsync(code, cancellationToken);
        return outcome switch
        {
            BrowserCodeOutcome.Opened => Redirect(context, opened!),
            BrowserCodeOutcome.Used => Refuse(StatusCodes.Status410Gone, "this sign-in link was used already (each works once); run 'baton dashboard' for a new one"),
            BrowserCodeOutcome.Expired => Refuse(StatusCodes.Status410Gone, "this sign-in link expired (links last 2 minutes); run 'baton dashboard' for a new one"),
            _ => Refuse(StatusCodes.Status401Unauthorized, "this sign-in link is not valid (mistyped, cut short, or made for another Baton); run 'baton dashboard' for a new one"),
        };
    }

    private static IResult Redirect(HttpContext context, OpenedSession opened)
    {
        SessionCookie.Write(context, opened.Secret, opened.Session.ExpiresAt);
        // The code leaves the address bar at once: 303 to the page, which carries nothing secret.
        DashboardHeaders.Apply(context.Response);
        context.Response.Headers.Location = "/";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static IResult Refuse(int status, string detail) =>
        throw new ApiInputException(detail, "code", status);
}
