namespace Baton.Core.Access;

/// <summary>An API token as stored, without its secret or hash: safe to list and show.</summary>
public sealed record ApiTokenRecord(
    string Id,
    string Name,
    TokenScope Scope,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt = null,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>True once revoked: requests with it are refused.</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Who the token acts for, as recorded on what it creates.</summary>
    public string Caller => $"token:{Name}";
}
