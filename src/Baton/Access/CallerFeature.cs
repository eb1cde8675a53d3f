using Baton.Core.Access;
using Baton.Core.Browser;

namespace Baton.Access;

/// <summary>
/// Who sent an HTTP request, set by the access middleware on every request: the caller's name as recorded on what
/// it creates, the token's scope (null when no token was used) and whether it may change things; also how it was
/// recognised (<see cref="Kind"/>), a name to show people, and for a browser session the CSRF token it sends on
/// writes.
/// </summary>
internal sealed record CallerFeature(string Name, TokenScope? Scope, bool CanWrite)
{
    /// <summary>How the caller was recognised: <c>loopback</c>, <c>token</c>, <c>session</c> or <c>anonymous</c>.</summary>
    public string Kind { get; init; } = "loopback";

    /// <summary>The user or token name to show people (the page's "signed in as").</summary>
    public string DisplayName { get; init; } = Environment.UserName;

    /// <summary>For a browser session, what it must send as <c>X-Baton-Csrf</c> on writes; null otherwise.</summary>
    public string? CsrfToken { get; init; }

    /// <summary>
    /// A caller on this machine admitted without a token: the daemon's owner, or any account where
    /// "allow_other_users" is set. Recorded as <c>loopback</c>; may do everything.
    /// </summary>
    public static CallerFeature Local { get; } = new(Caller.Loopback, null, CanWrite: true);

    /// <summary>A caller that was not identified (only /health and the dashboard's public routes let such requests through).</summary>
    public static CallerFeature Anonymous { get; } = new(Caller.Anonymous, null, CanWrite: false) { Kind = "anonymous", DisplayName = Caller.Anonymous };

    /// <summary>A caller with a valid token.</summary>
    public static CallerFeature Of(ApiTokenRecord token) =>
        new(token.Caller, token.Scope, token.Scope.Allows(TokenScope.Write)) { Kind = "token", DisplayName = token.Name };

    /// <summary>A browser with a live session; <paramref name="caller"/> is what the session's writes are recorded as.</summary>
    public static CallerFeature Of(BrowserSessionRecord session, string caller, string secret) =>
        new(caller, session.Scope, session.Scope.Allows(TokenScope.Write)) { Kind = "session", DisplayName = session.Name, CsrfToken = BrowserSecrets.CsrfOf(secret) };
}
