using Baton.Core.Shares;

namespace Baton.Shares;

/// <summary><c>POST /api/v1/shares</c>: what to share (a task or a workflow) and for how long (default 24h).</summary>
internal sealed record ShareBody(string? TaskId = null, string? WorkflowId = null, string? ExpiresIn = null);

/// <summary>What a share link shows.</summary>
internal sealed record ShareTargetView(string Kind, string Id);

/// <summary>A share link, without its token (which only the answer that made it carries).</summary>
internal sealed record ShareView(string Id, ShareTargetView Target, string Status, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The view of a stored link at <paramref name="now"/>: <c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public static ShareView Of(ShareRecord share, DateTimeOffset now) => new(
        share.Id, new ShareTargetView(share.TargetKind.ToWire(), share.TargetId),
        share.IsRevoked ? "revoked" : share.ExpiresAt <= now ? "expired" : "active",
        share.CreatedBy, share.CreatedAt, share.ExpiresAt, share.RevokedAt);
}

/// <summary>A share link just made: its URL is shown this once (the link is the credential).</summary>
internal sealed record CreatedShareView(string Id, string Url, ShareTargetView Target, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary><c>GET /api/v1/shares</c>: share links, newest first.</summary>
internal sealed record SharePageView(IReadOnlyList<ShareView> Shares);
