namespace Baton.Core.Workers;

/// <summary>One heartbeat of a node: what runs on it now, and until when that vouches for it.</summary>
public sealed record WorkerBeat
{
    /// <summary>The node's name.</summary>
    public required string Name { get; init; }

    /// <summary>The process beating; a beat for a name another process took changes nothing.</summary>
    public required string WorkerId { get; init; }

    /// <summary>Attempts running now.</summary>
    public required int Running { get; init; }

    /// <summary>The time of the beat.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Until when the node counts as live without another beat.</summary>
    public required DateTimeOffset LiveUntil { get; init; }

    /// <summary>True when the node drains and nothing runs on it any more: the store records when it first said so.</summary>
    public bool Drained { get; init; }
}
