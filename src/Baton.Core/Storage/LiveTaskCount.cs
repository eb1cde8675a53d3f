namespace Baton.Core.Storage;

/// <summary>How many tasks that have not ended share a status, agent, runner, priority and blocked flag.</summary>
/// <param name="Status">The status as on the wire (<c>pending</c>, <c>input_required</c>, ...).</param>
/// <param name="Agent">The agent definition's name, or null for a task without one.</param>
/// <param name="Runner">The runner (<c>command</c>, <c>claude</c>, ...).</param>
/// <param name="Priority">The priority's number (0 low to 3 critical).</param>
/// <param name="Blocked">Whether it waits on tasks it depends on.</param>
/// <param name="Count">How many.</param>
public sealed record LiveTaskCount(string Status, string? Agent, string Runner, int Priority, bool Blocked, long Count);
