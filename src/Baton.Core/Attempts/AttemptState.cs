namespace Baton.Core.Attempts;

/// <summary>The status of one attempt.</summary>
public enum AttemptState
{
    /// <summary>Holds a lease and runs.</summary>
    Running,
    /// <summary>Succeeded.</summary>
    Completed,
    /// <summary>Failed (non-zero exit, or the runner reported an error).</summary>
    Failed,
    /// <summary>Stopped because it ran past the task's timeout.</summary>
    TimedOut,
    /// <summary>Stopped because the task was cancelled.</summary>
    Cancelled,
    /// <summary>Its worker died or shut down while it ran; a new attempt replaces it.</summary>
    Interrupted,
}
