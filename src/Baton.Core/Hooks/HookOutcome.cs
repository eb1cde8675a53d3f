using Baton.Core.Processes;

namespace Baton.Core.Hooks;

/// <summary>How one run of a hook ended.</summary>
public enum HookResult
{
    /// <summary>Exit code 0.</summary>
    Succeeded,

    /// <summary>Another exit code, or a signal.</summary>
    Failed,

    /// <summary>Ran past its timeout; its process group was stopped.</summary>
    TimedOut,

    /// <summary>The shell could not be started.</summary>
    SpawnFailed,

    /// <summary>The daemon shut down under it; its process group was stopped.</summary>
    Stopped,
}

/// <summary>How one run of a hook ended, and where its output went.</summary>
/// <param name="Result">The kind of ending.</param>
/// <param name="Exit">The process's exit, when it ran.</param>
/// <param name="Error">Why it could not start.</param>
/// <param name="LogPath">Its output (the last run of this hook).</param>
public sealed record HookOutcome(HookResult Result, ProcessExit? Exit, string? Error, string LogPath);
