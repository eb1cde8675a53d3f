namespace Baton.Core.Shares;

/// <summary>What became of a presented share link.</summary>
public enum ShareCheckOutcome
{
    /// <summary>A live link: it shows its target.</summary>
    Valid,

    /// <summary>Not a link this store signed (malformed, altered, or of another installation), or its row is gone.</summary>
    Invalid,

    /// <summary>Its time is up.</summary>
    Expired,

    /// <summary>Its maker revoked it.</summary>
    Revoked,
}

/// <summary>The result of checking a share link; <see cref="Share"/> is set for a valid one.</summary>
public sealed record ShareCheck(ShareCheckOutcome Outcome, ShareRecord? Share = null);
