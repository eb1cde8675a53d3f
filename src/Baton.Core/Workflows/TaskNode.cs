using Baton.Core.Tasks;

namespace Baton.Core.Workflows;

/// <summary>What the dependency rules need to know of a task: where it sits in the graph and how far it got.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Name">The task's name, for messages.</param>
/// <param name="PhaseId">Its phase, or null for a task outside any workflow.</param>
/// <param name="Status">Its status.</param>
/// <param name="Blocked">True while it waits for its dependencies.</param>
/// <param name="DependsOn">The tasks it depends on by id.</param>
/// <param name="CancelCause">Set when the rules cancelled it.</param>
/// <param name="Started">True once an attempt of it ever started (it is then not "not yet started").</param>
public sealed record TaskNode(
    string Id,
    string Name,
    string? PhaseId,
    TaskState Status,
    bool Blocked,
    IReadOnlyList<string> DependsOn,
    CancelCause? CancelCause = null,
    bool Started = false);
