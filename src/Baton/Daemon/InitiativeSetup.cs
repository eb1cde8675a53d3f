using Baton.Configuration;
using Baton.Core.Initiatives;
using Baton.Core.Worktrees;

namespace Baton.Daemon;

/// <summary>How the CLI and the daemon alike reach the part that runs initiatives: planner, archive clean-up, worktrees.</summary>
internal static class InitiativeSetup
{
    /// <summary>The hooks for <paramref name="settings"/>: worktrees live under the engine's worktree directory.</summary>
    public static InitiativeHooks Hooks(BatonSettings settings)
    {
        var root = settings.Engine.WorktreeDirectory;
        var workspace = new InitiativeWorkspace(root);
        return new InitiativeHooks(
            InitiativePlanner.Plan,
            async (initiative, cancellationToken) => await workspace.ArchiveAsync(initiative, cancellationToken),
            (initiative, stream) => GitWorktrees.NamedPathFor(root, InitiativeProgress.BranchOf(initiative.Definition, stream)));
    }
}
