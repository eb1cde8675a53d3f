namespace Baton.Core.Attempts;

/// <summary>Wire names of <see cref="AttemptState"/> values.</summary>
public static class AttemptStates
{
    /// <summary>The wire name, for example <c>timed_out</c>.</summary>
    public static string ToWire(this AttemptState state) => state switch
    {
        AttemptState.Running => "running",
        AttemptState.Completed => "completed",
        AttemptState.Failed => "failed",
        AttemptState.TimedOut => "timed_out",
        AttemptState.Cancelled => "cancelled",
        _ => "interrupted",
    };

    /// <summary>Parses a wire name written by <see cref="ToWire"/>.</summary>
    public static AttemptState Parse(string name) => name switch
    {
        "running" => AttemptState.Running,
        "completed" => AttemptState.Completed,
        "failed" => AttemptState.Failed,
        "timed_out" => AttemptState.TimedOut,
        "cancelled" => AttemptState.Cancelled,
        "interrupted" => AttemptState.Interrupted,
        _ => throw new FormatException($"Unknown attempt state '{name}'."),
    };
}
