using Baton.Core.Workflows;

namespace Baton.Core.Initiatives;

/// <summary>The workflow that runs an initiative, planned at <paramref name="now"/> (pure: the same initiative gives the same ids).</summary>
public delegate WorkflowBlueprint InitiativePlan(InitiativeRecord initiative, DateTimeOffset now);

/// <summary>Removes an ended initiative's worktrees (its branches stay), before it is marked archived.</summary>
public delegate Task InitiativeArchive(InitiativeRecord initiative, CancellationToken cancellationToken);

/// <summary>Where a stream of an initiative works (its worktree), or null while that is not known.</summary>
public delegate string? StreamWorktree(InitiativeRecord initiative, StreamDefinition stream);

/// <summary>
/// What the initiatives' surfaces need of the part that runs them: the planner, the archive clean-up and where each
/// stream's worktree is. Kept as one object so that the service does not depend on how streams run.
/// </summary>
/// <param name="Plan">Plans the workflow.</param>
/// <param name="Archive">Cleans up on archive.</param>
/// <param name="Worktree">Names a stream's worktree.</param>
public sealed record InitiativeHooks(InitiativePlan Plan, InitiativeArchive Archive, StreamWorktree Worktree);
