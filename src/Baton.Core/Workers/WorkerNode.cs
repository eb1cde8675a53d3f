namespace Baton.Core.Workers;

/// <summary>
/// A node that runs tasks, as its store row holds it: who it is, what it offers, and its last heartbeat. Its state
/// (<see cref="StateAt"/>) is worked out from these and the time of asking, never stored.
/// </summary>
public sealed record WorkerNode
{
    /// <summary>The node's name, unique among live nodes: the host name unless set (<c>--name</c>, BATON_WORKER_NAME).</summary>
    public required string Name { get; init; }

    /// <summary>The process that holds the name now (<c>host:pid:ticks:place</c>), which its attempts record.</summary>
    public required string WorkerId { get; init; }

    /// <summary>The machine it runs on.</summary>
    public required string Host { get; init; }

    /// <summary>Baton's version on that node.</summary>
    public required string Version { get; init; }

    /// <summary>Attempts it runs at once.</summary>
    public required int Slots { get; init; }

    /// <summary>Its labels (<c>key</c> or <c>key=value</c>), sorted, as given.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Attempts it ran at its last heartbeat.</summary>
    public int Running { get; init; }

    /// <summary>When this process took the name.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Its last heartbeat (its registration counts as one).</summary>
    public required DateTimeOffset HeartbeatAt { get; init; }

    /// <summary>Until when its last heartbeat vouches for it; past this the node is gone.</summary>
    public required DateTimeOffset LiveUntil { get; init; }

    /// <summary>Whether someone asked it to stop claiming new work.</summary>
    public bool DrainRequested { get; init; }

    /// <summary>When a draining node reported that nothing runs on it any more; null until then.</summary>
    public DateTimeOffset? DrainedAt { get; init; }

    /// <summary>When it stopped cleanly; a stopped node is gone at once, and its name free.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>Its state at <paramref name="now"/>: gone once stopped or past <see cref="LiveUntil"/>, else draining or active.</summary>
    public WorkerNodeState StateAt(DateTimeOffset now) =>
        StoppedAt is not null || LiveUntil <= now ? WorkerNodeState.Gone
        : DrainRequested ? WorkerNodeState.Draining
        : WorkerNodeState.Active;
}
