namespace Baton.Shares;

/// <summary>A share link just made: its URL is shown this once (the link is the credential).</summary>
internal sealed record CreatedShareView(string Id, string Url, ShareTargetView Target, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
