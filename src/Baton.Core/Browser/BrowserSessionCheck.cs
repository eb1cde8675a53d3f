namespace Baton.Core.Browser;

/// <summary>What became of a presented session cookie.</summary>
public enum BrowserSessionOutcome
{
    /// <summary>A live session.</summary>
    Valid,

    /// <summary>No session has this secret (never had, signed out, or forgotten after expiring).</summary>
    Unknown,

    /// <summary>The session's time is up.</summary>
    Expired,

    /// <summary>The API token the session was opened with was revoked.</summary>
    TokenRevoked,
}

/// <summary>
/// The result of checking a session cookie; for a valid one, the session and the caller's name as recorded on what
/// it creates (<c>token:NAME</c> for a token's session, <c>session:USER</c> for the owner's).
/// </summary>
public sealed record BrowserSessionCheck(BrowserSessionOutcome Outcome, BrowserSessionRecord? Session = null, string? Caller = null)
{
    /// <summary>True for a live session.</summary>
    public bool IsValid => Outcome == BrowserSessionOutcome.Valid;
}
