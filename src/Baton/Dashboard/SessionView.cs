namespace Baton.Dashboard;

/// <summary>
/// Who the page is (<c>GET /api/v1/session</c>): how the caller was recognised (<c>loopback</c>, <c>token</c> or
/// <c>session</c>), its scope, a name to show, and for a browser session the CSRF token to send on writes.
/// </summary>
internal sealed record SessionView(string Caller, string Scope, string Name, string? CsrfToken);
