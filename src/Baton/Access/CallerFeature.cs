using Baton.Core.Access;

namespace Baton.Access;

/// <summary>
/// Who sent an HTTP request, set by the access middleware on every request: the caller's name as recorded on what
/// it creates, the token's scope (null when no token was used) and whether it may change things.
/// </summary>
internal sealed record CallerFeature(string Name, TokenScope? Scope, bool CanWrite)
{
    /// <summary>
    /// A caller on this machine admitted without a token: the daemon's owner, or any account where
    /// "allow_other_users" is set. Recorded as <c>loopback</c>; may do everything.
    /// </summary>
    public static CallerFeature Local { get; } = new(Caller.Loopback, null, CanWrite: true);

    /// <summary>A caller that was not identified (only /health lets such requests through).</summary>
    public static CallerFeature Anonymous { get; } = new(Caller.Anonymous, null, CanWrite: false);

    /// <summary>A caller with a valid token.</summary>
    public static CallerFeature Of(ApiTokenRecord token) => new(token.Caller, token.Scope, token.Scope.Allows(TokenScope.Write));
}
