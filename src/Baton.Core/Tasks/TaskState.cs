namespace Baton.Core.Tasks;

/// <summary>The lifecycle status of a task. Wire names are a public contract; see <see cref="TaskStates"/>.</summary>
public enum TaskState
{
    /// <summary>Waiting for dependencies, a free worker slot or its start time.</summary>
    Pending,
    /// <summary>An attempt is running.</summary>
    Running,
    /// <summary>The last attempt failed; waiting for the retry backoff to pass.</summary>
    Retrying,
    /// <summary>An agent or a gate waits for a person.</summary>
    InputRequired,
    /// <summary>Held by a person; not claimed until resumed.</summary>
    Paused,
    /// <summary>Terminal: the last attempt succeeded.</summary>
    Completed,
    /// <summary>Terminal: attempts failed and no retries remain.</summary>
    Failed,
    /// <summary>Terminal: cancelled by a person or program.</summary>
    Cancelled,
    /// <summary>Terminal: the last attempt ran past its timeout.</summary>
    TimedOut,
}
