using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>One upstream task as a downstream task hears of it.</summary>
/// <param name="TaskId">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Agent">The agent that ran it, or the runner (and program) for a command.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Result">Its result (the agent's final answer, or the tail of a command's output).</param>
/// <param name="Capsule">The latest capsule its agent saved, if any: handed over in place of most of the result.</param>
public sealed record UpstreamResult(string TaskId, string Name, string Agent, TaskState Status, string? Result, Sessions.ContextCapsule? Capsule = null);
