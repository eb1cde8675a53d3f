namespace Baton.Shares;

/// <summary><c>GET /api/v1/shares</c>: share links, newest first.</summary>
internal sealed record SharePageView(IReadOnlyList<ShareView> Shares);
