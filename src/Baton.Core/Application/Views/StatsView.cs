using Baton.Core.Stats;

namespace Baton.Core.Application.Views;

/// <summary>GET /api/v1/stats and <c>baton stats --json</c>: tasks that ended since <see cref="Since"/>, in total and by <see cref="By"/>.</summary>
public sealed record StatsView
{
    public required DateTimeOffset Since { get; init; }

    /// <summary>agent, workflow, runner or day; null when not grouped.</summary>
    public string? By { get; init; }

    public required StatsGroupView Total { get; init; }

    /// <summary>The groups in key order (the group with no key first); empty when not grouped.</summary>
    public required IReadOnlyList<StatsGroupView> Groups { get; init; }

    /// <summary>The most common kinds of failure, largest first.</summary>
    public required IReadOnlyList<FailureMode> FailureModes { get; init; }
}
