using Baton.Core.Access;

namespace Baton.Core.Browser;

/// <summary>
/// A browser's session as stored, without its secret. A session opened with an API token carries that token's id
/// and scope, and ends when the token is revoked; one opened with a one-time code made by the daemon's owner carries
/// no token and acts for <see cref="Name"/>, the owner's account.
/// </summary>
public sealed record BrowserSessionRecord(
    string Id,
    string? TokenId,
    string Name,
    TokenScope Scope,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
