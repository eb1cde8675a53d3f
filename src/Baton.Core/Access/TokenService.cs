using System.Collections.Concurrent;
using System.Globalization;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Core.Access;

/// <summary>
/// The application layer for API tokens: creating (the secret is returned once, only its hash is stored), listing,
/// revoking, and checking a presented token. The CLI manages tokens with it; the daemon checks requests with it.
/// </summary>
public sealed partial class TokenService(ITokenStore store, TimeProvider time, ILogger<TokenService>? logger = null)
{
    /// <summary>
    /// How finely last use is recorded: at most one write per token in this interval, so that a busy client does not
    /// turn every request into a write.
    /// </summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ILogger logger = logger ?? NullLogger<TokenService>.Instance;

    // When this process last recorded each token's use: concurrent requests write once between them.
    private readonly ConcurrentDictionary<string, DateTimeOffset> touched = new(StringComparer.Ordinal);

    /// <summary>Creates a token; the result holds its secret, which cannot be read again.</summary>
    public async Task<CreatedToken> CreateAsync(string name, string scope, CancellationToken cancellationToken = default)
    {
        TokenNames.Validate(name);
        var parsed = TokenScopes.Parse(scope);
        var secret = TokenSecrets.Generate();
        // To the millisecond, as stored: what create prints is what list shows later.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var token = new ApiTokenRecord(TokenIds.New(), name, parsed, now);
        if (!await store.CreateAsync(token, TokenSecrets.Hash(secret), cancellationToken))
        {
            var existing = await store.FindAsync(name, cancellationToken);
            throw BatonException.Conflict(existing is { IsRevoked: true }
                ? $"a revoked token is still named '{name}' (names stay taken so that 'token:{name}' on past work keeps one meaning); choose another name"
                : $"a token named '{name}' exists already; choose another name ('baton token list' shows the names in use)");
        }

        return new CreatedToken(token, secret);
    }

    /// <summary>Every token, revoked ones included, oldest first.</summary>
    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>Revokes a token by id or name: requests with it are refused from now on.</summary>
    public async Task<ApiTokenRecord> RevokeAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var token = await store.FindAsync(idOrName, cancellationToken)
            ?? throw BatonException.NotFound($"no token with id or name '{idOrName}' ('baton token list' shows them)");
        return await store.RevokeAsync(token.Id, time.GetUtcNow(), cancellationToken)
            ?? throw BatonException.Conflict(
                $"token '{token.Name}' ({token.Id}) was already revoked{(token.RevokedAt is { } at ? " at " + at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : string.Empty)}");
    }

    /// <summary>True if at least one token is not revoked.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken = default) => await store.CountActiveAsync(cancellationToken) > 0;

    /// <summary>
    /// Checks a presented token: known, unrevoked tokens are valid, and their use is recorded (coarsely, see
    /// <see cref="LastUsedResolution"/>). The token itself never appears in an error or a log.
    /// </summary>
    public async Task<TokenCheck> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!TokenSecrets.IsWellFormed(presented))
        {
            return new TokenCheck(TokenCheckOutcome.Malformed);
        }

        var hash = TokenSecrets.Hash(presented);
        var stored = await store.FindByHashAsync(hash, cancellationToken);
        if (stored is null || !TokenSecrets.HashesEqual(stored.Hash, hash))
        {
            return new TokenCheck(TokenCheckOutcome.Unknown);
        }

        var token = stored.Token;
        if (token.IsRevoked)
        {
            return new TokenCheck(TokenCheckOutcome.Revoked, token);
        }

        await RecordUseAsync(token, cancellationToken);
        return new TokenCheck(TokenCheckOutcome.Valid, token);
    }

    private async Task RecordUseAsync(ApiTokenRecord token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (token.LastUsedAt is { } stored && now - stored < LastUsedResolution)
        {
            return;
        }

        // Claim the write for this process: of concurrent requests, only the one that moves the mark on writes.
        var claimed = touched.TryGetValue(token.Id, out var previous)
            ? now - previous >= LastUsedResolution && touched.TryUpdate(token.Id, now, previous)
            : touched.TryAdd(token.Id, now);
        if (!claimed)
        {
            return;
        }

        try
        {
            await store.TouchAsync(token.Id, now, LastUsedResolution, cancellationToken);
        }
        catch (BatonException ex) when (ex.Kind is ErrorKind.Unavailable or ErrorKind.StoreFailure or ErrorKind.StorageFull)
        {
            // Bookkeeping only: a busy or failing store must not refuse a valid token; the next use tries again.
            touched.TryRemove(new KeyValuePair<string, DateTimeOffset>(token.Id, now));
            LogTouchFailed(this.logger, token.Id, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of API token {TokenId}: {Reason}")]
    private static partial void LogTouchFailed(ILogger logger, string tokenId, string reason);
}
