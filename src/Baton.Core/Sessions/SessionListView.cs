namespace Baton.Core.Sessions;

/// <summary>Sessions, the latest activity first: <c>GET /api/v1/sessions</c> and <c>baton session list --json</c>.</summary>
public sealed record SessionListView(IReadOnlyList<SessionView> Sessions);
