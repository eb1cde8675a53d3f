namespace Baton.Core.Application.Views;

/// <summary>GET /api/v1/agents/stats: each agent definition's tasks that ended since <see cref="Since"/>, agents by name.</summary>
public sealed record AgentStatsListView(DateTimeOffset Since, IReadOnlyList<AgentStatsView> Agents);
