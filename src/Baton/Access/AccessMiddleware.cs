using System.Diagnostics.CodeAnalysis;
using Baton.Core.Access;
using Baton.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Baton.Access;

/// <summary>
/// Runs in front of every endpoint. Without required tokens every caller is <c>loopback</c> and may do everything.
/// With them, everything but /health needs <c>Authorization: Bearer TOKEN</c>; on REST a read token may only use
/// GET, HEAD and OPTIONS. /mcp (all POST) admits read tokens: its tools ask <see cref="Caller.CanWrite(HttpContext)"/>.
/// </summary>
internal sealed partial class AccessMiddleware(RequestDelegate next, AccessPolicy policy, TokenService tokens, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!policy.TokensRequired)
        {
            await ContinueAsync(context, CallerFeature.Open);
            return;
        }

        var path = context.Request.Path;
        if (path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await ContinueAsync(context, CallerFeature.Anonymous);
            return;
        }

        if (!TryReadBearer(context.Request.Headers.Authorization.ToString(), out var presented))
        {
            LogRefused(logger, context.Request.Method, path.Value ?? "/", presented is null ? "no API token" : "a malformed Authorization header");
            await (presented is null ? AccessProblems.MissingTokenAsync(context) : AccessProblems.MalformedHeaderAsync(context));
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
            LogRefused(logger, context.Request.Method, path.Value ?? "/", check.Outcome == TokenCheckOutcome.Revoked ? $"revoked token {check.Token!.Id}" : "an invalid token");
            await AccessProblems.InvalidTokenAsync(context, check.Outcome);
            return;
        }

        var caller = CallerFeature.Of(check.Token!);
        if (!caller.CanWrite && !IsRead(context.Request.Method) && !path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, context.Request.Method, path.Value ?? "/", $"read-only token {check.Token!.Id}");
            await AccessProblems.InsufficientScopeAsync(context, caller);
            return;
        }

        await ContinueAsync(context, caller);
    }

    private Task ContinueAsync(HttpContext context, CallerFeature caller)
    {
        context.Features.Set(caller);
        return next(context);
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>
    /// Reads <c>Bearer TOKEN</c> (scheme in any case). False with a null token when there is no header; false with
    /// an empty one when the header is there but not a bearer credential.
    /// </summary>
    private static bool TryReadBearer(string header, [NotNullWhen(true)] out string? token)
    {
        if (header.Length == 0)
        {
            token = null;
            return false;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase) || header.AsSpan(space + 1).Trim().IsEmpty)
        {
            token = string.Empty;
            return false;
        }

        token = header[(space + 1)..].Trim();
        return true;
    }

    // Never the token: only what was wrong with it, and the token's id when one was found.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check an API token: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
