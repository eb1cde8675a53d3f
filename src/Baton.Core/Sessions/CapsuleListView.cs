namespace Baton.Core.Sessions;

/// <summary>A task's capsules, newest first: <c>GET /api/v1/tasks/{id}/capsules</c>.</summary>
public sealed record CapsuleListView(string TaskId, IReadOnlyList<CapsuleView> Capsules);
