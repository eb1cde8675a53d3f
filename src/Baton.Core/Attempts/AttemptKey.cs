namespace Baton.Core.Attempts;

/// <summary>
/// Identifies one attempt: the task and the attempt's number (1-based). It is also the fencing token: a result is
/// accepted only for the attempt that still holds the lease.
/// </summary>
public readonly record struct AttemptKey(string TaskId, int Number)
{
    /// <summary>The form put into each attempt's environment as BATON_ATTEMPT_ID, e.g. <c>ab12cd34ef56/2</c>.</summary>
    public override string ToString() => $"{TaskId}/{Number}";
}
