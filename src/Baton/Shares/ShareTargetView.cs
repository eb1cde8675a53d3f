namespace Baton.Shares;

/// <summary>What a share link shows.</summary>
internal sealed record ShareTargetView(string Kind, string Id);
