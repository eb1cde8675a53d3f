using Baton.Configuration;
using Baton.Core.Errors;
using Baton.Core.Initiatives;

namespace Baton.Daemon;

/// <summary>How the CLI and the daemon alike reach the part that runs initiatives: planner, archive clean-up, worktrees.</summary>
internal static class InitiativeSetup
{
    /// <summary>The hooks for <paramref name="settings"/>.</summary>
    public static InitiativeHooks Hooks(BatonSettings settings) => new(
        (_, _) => throw BatonException.Conflict("this build of Baton cannot start initiatives: it has no stream planner"),
        (_, _) => Task.CompletedTask,
        (_, _) => null);
}
