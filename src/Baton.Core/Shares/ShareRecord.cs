namespace Baton.Core.Shares;

/// <summary>A read-only share link as stored: what it shows, who made it, until when, and whether it was revoked.</summary>
public sealed record ShareRecord(
    string Id,
    ShareTarget TargetKind,
    string TargetId,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>True once revoked: the link shows nothing from then on.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
