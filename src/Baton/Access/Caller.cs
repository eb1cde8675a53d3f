using Baton.Core.Access;
using Microsoft.AspNetCore.Http;

namespace Baton.Access;

/// <summary>
/// Who is calling, for REST and MCP handlers: the name to record as <c>created_by</c> and whether the caller may
/// create, change or cancel. The access middleware sets it on every request (as a <see cref="CallerFeature"/>). A
/// request that did not pass the middleware may not write: the rules fail closed.
/// </summary>
internal static class Caller
{
    /// <summary>The name of every caller when tokens are not required.</summary>
    public const string Loopback = "loopback";

    /// <summary>The name of a caller that presented no token where tokens are required (only /health admits one).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>
    /// <c>token:NAME</c> when a token was used (also through a browser session opened with it), <c>session:USER</c> for
    /// the owner's browser session, else <c>loopback</c>.
    /// </summary>
    public static string Name(HttpContext context) => context.Features.Get<CallerFeature>()?.Name ?? Loopback;

    /// <summary>True for write and admin tokens, and for every caller when tokens are not required.</summary>
    public static bool CanWrite(HttpContext context) => context.Features.Get<CallerFeature>()?.CanWrite ?? false;

    /// <summary>The token's scope, or null when no token was used.</summary>
    public static TokenScope? Scope(HttpContext context) => context.Features.Get<CallerFeature>()?.Scope;
}
