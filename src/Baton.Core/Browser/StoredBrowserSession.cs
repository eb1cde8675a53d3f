namespace Baton.Core.Browser;

/// <summary>A session with the hash of its secret, for comparing in constant time.</summary>
public sealed record StoredBrowserSession(BrowserSessionRecord Session, string Hash);
