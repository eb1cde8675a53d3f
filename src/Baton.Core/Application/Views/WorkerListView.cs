namespace Baton.Core.Application.Views;

/// <summary>The nodes, by name: <c>GET /api/v1/workers</c> and <c>baton workers --json</c>.</summary>
public sealed record WorkerListView(IReadOnlyList<WorkerView> Workers);
