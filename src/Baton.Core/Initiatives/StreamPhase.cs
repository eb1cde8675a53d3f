namespace Baton.Core.Initiatives;

/// <summary>When a stream of an initiative runs: first, side by side, or last.</summary>
public enum StreamPhase
{
    /// <summary>Runs first, on the initiative's own branch.</summary>
    Foundation,

    /// <summary>Runs once the foundation completed, in a worktree and branch of its own, beside the other parallel streams.</summary>
    Parallel,

    /// <summary>Runs once every parallel stream completed and their branches were merged into the initiative's branch.</summary>
    Integration,
}

/// <summary>The wire names of <see cref="StreamPhase"/>.</summary>
public static class StreamPhases
{
    public static string ToWire(this StreamPhase phase) => phase switch
    {
        StreamPhase.Foundation => "foundation",
        StreamPhase.Parallel => "parallel",
        _ => "integration",
    };

    public static bool TryParse(string? text, out StreamPhase phase)
    {
        (var ok, phase) = text switch
        {
            "foundation" => (true, StreamPhase.Foundation),
            "parallel" => (true, StreamPhase.Parallel),
            "integration" => (true, StreamPhase.Integration),
            _ => (false, StreamPhase.Foundation),
        };
        return ok;
    }
}
