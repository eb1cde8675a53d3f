using Baton.Core.Shares;

namespace Baton.Shares;

/// <summary>A share link, without its token (which only the answer that made it carries).</summary>
internal sealed record ShareView(string Id, ShareTargetView Target, string Status, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The view of a stored link at <paramref name="now"/>: <c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public static ShareView Of(ShareRecord share, DateTimeOffset now) => new(
        share.Id, new ShareTargetView(share.TargetKind.ToWire(), share.TargetId),
        share.IsRevoked ? "revoked" : share.ExpiresAt <= now ? "expired" : "active",
        share.CreatedBy, share.CreatedAt, share.ExpiresAt, share.RevokedAt);
}
