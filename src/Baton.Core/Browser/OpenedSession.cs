namespace Baton.Core.Browser;

/// <summary>A session just opened, with the secret for the browser's cookie (it cannot be read again).</summary>
public sealed record OpenedSession(BrowserSessionRecord Session, string Secret)
{
    /// <summary>The CSRF token the page sends on writes.</summary>
    public string CsrfToken => BrowserSecrets.CsrfOf(Secret);
}
