namespace Baton.Core.Application.Views;

/// <summary>A worker node as <c>baton workers</c> and <c>GET /api/v1/workers</c> show it.</summary>
public sealed record WorkerView
{
    public required string Name { get; init; }
    public required string Host { get; init; }
    public required string Version { get; init; }
    public required int Slots { get; init; }
    /// <summary>Attempts running at its last heartbeat (0 once it is gone).</summary>
    public required int RunningAttempts { get; init; }
    public required DateTimeOffset LastHeartbeat { get; init; }
    /// <summary>active, draining or gone.</summary>
    public required string State { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When a draining node had nothing left running; null while it still runs attempts (or is not draining).</summary>
    public DateTimeOffset? DrainedAt { get; init; }
    /// <summary>Its worker id (<c>host:pid:ticks:place</c>), which its attempts record.</summary>
    public required string WorkerId { get; init; }
}
