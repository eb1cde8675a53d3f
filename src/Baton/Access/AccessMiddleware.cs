using System.Diagnostics.CodeAnalysis;
using Baton.Core.Access;
using Baton.Core.Browser;
using Baton.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Baton.Access;

/// <summary>
/// Runs in front of every endpoint. First the Host and Origin must be the daemon's own (against DNS rebinding and
/// cross-site requests), on every route. Then who calls: a request with <c>Authorization: Bearer TOKEN</c> is that
/// token's (on REST a read token may only use GET, HEAD and OPTIONS; /mcp admits read tokens, whose tools ask
/// <see cref="Caller.CanWrite(HttpContext)"/>). Without a token, where tokens are not required, the daemon's owner
/// is let in over loopback (see <see cref="AccessPolicy"/>); /health is open to everyone who passed the first check.
/// A browser may instead carry the <c>baton_session</c> cookie: the request is that session's, with its scope, and
/// every write it makes must carry the session's CSRF token (<c>X-Baton-Csrf</c>), which a foreign page cannot read.
/// The dashboard's page and files, the share links' read route and the sign-in routes hold nothing without their
/// own credential, so they are open to everyone who passed the first check (see <see cref="PublicRoutes"/>).
/// </summary>
internal sealed partial class AccessMiddleware(
    RequestDelegate next, AccessPolicy policy, HostOriginCheck hosts, TokenService tokens, BrowserSessionService sessions, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (hosts.Check(context.Request) is { } foreign)
        {
            LogForeign(logger, context.Request.Method, RedactedPath.Of(path), foreign);
            await AccessProblems.ForeignHostAsync(context, foreign);
            return;
        }

        if (path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || PublicRoutes.Admits(context.Request))
        {
            await ContinueAsync(context, CallerFeature.Anonymous);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            await AuthenticateAsync(context, header);
            return;
        }

        if (SessionCookie.Read(context.Request) is { } secret)
        {
            await AuthenticateSessionAsync(context, secret);
            return;
        }

        if (policy.TokensRequired)
        {
            LogRefused(logger, context.Request.Method, RedactedPath.Of(path), "no API token");
            await AccessProblems.MissingTokenAsync(context);
            return;
        }

        if (LocalRefusal(context) is { } refusal)
        {
            LogRefused(logger, context.Request.Method, RedactedPath.Of(path), refusal);
            await AccessProblems.NotOwnerAsync(context, refusal);
            return;
        }

        await ContinueAsync(context, CallerFeature.Local);
    }

    /// <summary>Null if a caller without a token may come in; otherwise why not, in words for the caller.</summary>
    private string? LocalRefusal(HttpContext context)
    {
        // A proxy would make everyone it relays look like the account it runs as.
        if (context.Request.Headers.ContainsKey("Forwarded") || context.Request.Headers.ContainsKey("X-Forwarded-For"))
        {
            return "requests relayed by a proxy need an API token: the daemon cannot tell who sent them";
        }

        var uid = ConnectionPeer.UidOf(context);
        if (uid == policy.OwnerUid || policy.AllowOtherUsers && uid is not null)
        {
            return null;
        }

        // Names are looked up only for a refusal: the owner's requests must not read /etc/passwd each time.
        var owner = LocalUsers.NameOf(policy.OwnerUid);
        return uid is null
            ? $"this Baton daemon serves only its owner ({owner}), and the account behind this connection could not be found"
            : $"this Baton daemon serves only its owner ({owner}) on this machine, not {LocalUsers.NameOf(uid.Value)}";
    }

    private async Task AuthenticateAsync(HttpContext context, string header)
    {
        var path = context.Request.Path;
        if (!TryReadBearer(header, out var presented))
        {
            LogRefused(logger, context.Request.Method, RedactedPath.Of(path), "a malformed Authorization header");
            await AccessProblems.MalformedHeaderAsync(context);
            return;
        }

        TokenCheck check;
        try
        {
            check = await tokens.AuthenticateAsync(presented, context.RequestAborted);
        }
        catch (BatonException ex)
        {
            LogCheckFailed(logger, ex.Message);
            await AccessProblems.UnavailableAsync(context, ex.Message);
            return;
        }

        if (!check.IsValid)
        {
            LogRefused(logger, context.Request.Method, RedactedPath.Of(path), check.Outcome == TokenCheckOutcome.Revoked ? $"revoked token {check.Token!.Id}" : "an invalid token");
            await AccessProblems.InvalidTokenAsync(context, check.Outcome);
            return;
        }

        var caller = CallerFeature.Of(check.Token!);
        if (!caller.CanWrite && !IsRead(context.Request.Method) && !path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, context.Request.Method, RedactedPath.Of(path), $"read-only token {check.Token!.Id}");
            await AccessProblems.InsufficientScopeAsync(context, caller);
            return;
        }

        await ContinueAsync(context, caller);
    }

    private async Task AuthenticateSessionAsync(HttpContext context, string secret)
    {
        var (method, path) = (context.Request.Method, RedactedPath.Of(context.Request.Path));
        BrowserSessionCheck check;
        try
        {
            check = await sessions.AuthenticateAsync(secret, context.RequestAborted);
        }
        catch (BatonException ex)
        {
            LogCheckFailed(logger, ex.Message);
            await AccessProblems.UnavailableAsync(context, ex.Message);
            return;
        }

        if (!check.IsValid)
        {
            // Never the cookie: only what was wrong, and the session's id when one was found.
            LogRefused(logger, method, path, check.Session is { } ended ? $"browser session {ended.Id}: {check.Outcome}" : "an unknown browser session");
            SessionCookie.Clear(context);
            await AccessProblems.InvalidSessionAsync(context, check.Outcome);
            return;
        }

        var caller = CallerFeature.Of(check.Session!, check.Caller!, secret);
        if (!IsRead(method))
        {
            if (!BrowserSecrets.CsrfMatches(secret, context.Request.Headers[SessionCookie.CsrfHeader].ToString()))
            {
                LogRefused(logger, method, path, $"browser session {check.Session!.Id} without its CSRF token");
                await AccessProblems.MissingCsrfAsync(context);
                return;
            }

            if (!caller.CanWrite && !context.Request.Path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase))
            {
                LogRefused(logger, method, path, $"read-only browser session {check.Session!.Id}");
                await AccessProblems.InsufficientScopeAsync(context, caller);
                return;
            }
        }

        await ContinueAsync(context, caller);
    }

    private Task ContinueAsync(HttpContext context, CallerFeature caller)
    {
        context.Features.Set(caller);
        return next(context);
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>Reads <c>Bearer TOKEN</c> (scheme in any case); false if the header is not a bearer credential.</summary>
    private static bool TryReadBearer(string header, [NotNullWhen(true)] out string? token)
    {
        token = null;
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase) || header.AsSpan(space + 1).Trim().IsEmpty)
        {
            return false;
        }

        token = header[(space + 1)..].Trim();
        return true;
    }

    // Never the token: only what was wrong with it, and the token's id when one was found.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogForeign(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check an API token: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
