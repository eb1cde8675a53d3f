namespace Baton.Core.Interactions;

/// <summary>
/// What happens when nobody answers within <c>input_timeout_seconds</c>. Wire names: <c>deny</c>, <c>fail</c>,
/// <c>pause</c>. Without a timeout Baton waits, reminding people once an hour.
/// </summary>
public enum InputTimeoutAction
{
    /// <summary>The request is denied (a question is told nobody answered); the agent carries on.</summary>
    Deny,
    /// <summary>The attempt fails, and the task with it (no retry: a retry would ask again).</summary>
    Fail,
    /// <summary>The agent is interrupted with its session kept and the task paused until resumed.</summary>
    Pause,
}
