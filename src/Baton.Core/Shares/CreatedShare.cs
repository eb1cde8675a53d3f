namespace Baton.Core.Shares;

/// <summary>A share link just made, with its token (the part of the URL after <c>/share/</c>).</summary>
public sealed record CreatedShare(ShareRecord Share, string Token);
