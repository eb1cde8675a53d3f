using Baton.Core.Access;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Core.Browser;

/// <summary>
/// The application layer for browser sessions: opening one with an API token (the session has that token's scope
/// and ends when the token is revoked) or with a one-time code the daemon's owner made (<c>baton dashboard</c>),
/// checking a cookie, and signing out. Sessions last <see cref="SessionLifetime"/> from sign-in; codes
/// <see cref="CodeLifetime"/> and one use. No secret ever appears in an error or a log.
/// </summary>
public sealed partial class BrowserSessionService(IBrowserAccessStore store, ITokenStore tokens, TimeProvider time, ILogger<BrowserSessionService>? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger<BrowserSessionService>.Instance;

    /// <summary>How long a session lasts from sign-in (not extended by use, so a stolen cookie ends on its own).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);

    /// <summary>How long a one-time sign-in code may wait to be used.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(2);

    /// <summary>What the caller of an owner's session is recorded as: <c>session:USER</c>.</summary>
    public const string OwnerPrefix = "session:";

    /// <summary>Opens a session for a valid, unrevoked token (checked by the caller with <see cref="TokenService"/>).</summary>
    public async Task<OpenedSession> OpenForTokenAsync(ApiTokenRecord token, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var session = new BrowserSessionRecord(BrowserSessionIds.New(), token.Id, token.Name, token.Scope, now, now + SessionLifetime);
        return await StoreAsync(session, cancellationToken);
    }

    /// <summary>Makes a one-time code that opens a session acting for <paramref name="owner"/> with every right.</summary>
    public async Task<string> CreateCodeAsync(string owner, CancellationToken cancellationToken = default)
    {
        var now = Now();
        // A good moment to forget what expired: codes are made rarely, and by the owner.
        await store.PurgeExpiredAsync(now, cancellationToken);
        var code = BrowserSecrets.NewCode();
        await store.CreateCodeAsync(new BrowserCodeRecord(owner, now, now + CodeLifetime), BrowserSecrets.Hash(code), cancellationToken);
        return code;
    }

    /// <summary>Uses a one-time code: the first use within its lifetime opens a session, any later one is refused.</summary>
    public async Task<(BrowserCodeOutcome Outcome, OpenedSession? Session)> OpenWithCodeAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (!BrowserSecrets.IsWellFormed(code, BrowserSecrets.CodeLength))
        {
            return (BrowserCodeOutcome.Unknown, null);
        }

        var now = Now();
        var found = await store.UseCodeAsync(BrowserSecrets.Hash(code!), now, cancellationToken);
        if (found is null)
        {
            return (BrowserCodeOutcome.Unknown, null);
        }

        if (found.UsedAt is not null)
        {
            return (BrowserCodeOutcome.Used, null);
        }

        if (found.ExpiresAt <= now)
        {
            return (BrowserCodeOutcome.Expired, null);
        }

        var session = new BrowserSessionRecord(BrowserSessionIds.New(), null, found.Name, TokenScope.Admin, now, now + SessionLifetime);
        return (BrowserCodeOutcome.Opened, await StoreAsync(session, cancellationToken));
    }

    /// <summary>Checks a session cookie's secret: known, unexpired, and (for a token's session) its token unrevoked.</summary>
    public async Task<BrowserSessionCheck> AuthenticateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (!BrowserSecrets.IsWellFormed(secret, BrowserSecrets.SessionLength))
        {
            return new BrowserSessionCheck(BrowserSessionOutcome.Unknown);
        }

        var hash = BrowserSecrets.Hash(secret!);
        var stored = await store.FindSessionAsync(hash, cancellationToken);
        if (stored is null || !TokenSecrets.HashesEqual(stored.Hash, hash))
        {
            return new BrowserSessionCheck(BrowserSessionOutcome.Unknown);
        }

        var session = stored.Session;
        if (session.ExpiresAt <= time.GetUtcNow())
        {
            return new BrowserSessionCheck(BrowserSessionOutcome.Expired, session);
        }

        if (session.TokenId is null)
        {
            return new BrowserSessionCheck(BrowserSessionOutcome.Valid, session, OwnerPrefix + session.Name);
        }

        // Looked up on every request, so that revoking the token ends its sessions at once, on every node.
        var token = await tokens.FindAsync(session.TokenId, cancellationToken);
        return token is null || token.IsRevoked || token.Id != session.TokenId
            ? new BrowserSessionCheck(BrowserSessionOutcome.TokenRevoked, session)
            : new BrowserSessionCheck(BrowserSessionOutcome.Valid, session, token.Caller);
    }

    /// <summary>Ends the session with this secret, if there is one; true if one ended.</summary>
    public async Task<bool> SignOutAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (!BrowserSecrets.IsWellFormed(secret, BrowserSecrets.SessionLength))
        {
            return false;
        }

        var hash = BrowserSecrets.Hash(secret!);
        var session = await store.FindSessionAsync(hash, cancellationToken);
        var ended = await store.DeleteSessionAsync(hash, cancellationToken);
        if (ended && session is not null)
        {
            LogSignedOut(this.logger, session.Session.Id);
        }

        return ended;
    }

    private async Task<OpenedSession> StoreAsync(BrowserSessionRecord session, CancellationToken cancellationToken)
    {
        // Sessions end without a request to say so: whoever opens one forgets the expired ones (one indexed delete).
        await store.PurgeExpiredAsync(session.CreatedAt, cancellationToken);
        var secret = BrowserSecrets.NewSession();
        await store.CreateSessionAsync(session, BrowserSecrets.Hash(secret), cancellationToken);
        LogOpened(this.logger, session.Id, session.TokenId is { } token ? $"API token {token}" : "a one-time link", session.Name, session.Scope.ToWire());
        return new OpenedSession(session, secret);
    }

    // To the millisecond, as stored.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    // Ids and names only: never a session's secret, a code or a token.
    [LoggerMessage(Level = LogLevel.Information, Message = "Browser session {SessionId} opened with {Via} for {Name} (scope {Scope})")]
    private static partial void LogOpened(ILogger logger, string sessionId, string via, string name, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Browser session {SessionId} signed out")]
    private static partial void LogSignedOut(ILogger logger, string sessionId);
}
