using Baton.Core.Attempts;

namespace Baton.Core.Processes;

/// <summary>A started process: its identity, its output streams, its stdin if kept open, and its exit.</summary>
internal sealed class SpawnedProcess(
    ProcessIdentity identity, Stream standardOutput, Stream standardError, Task<ProcessExit> exited, Stream? standardInput = null)
{
    public ProcessIdentity Identity { get; } = identity;

    public Stream StandardOutput { get; } = standardOutput;

    public Stream StandardError { get; } = standardError;

    /// <summary>The write end of stdin when <see cref="ProcessStartSpec.KeepStandardInputOpen"/> was asked for.</summary>
    public Stream? StandardInput { get; } = standardInput;

    /// <summary>Completes when the process has exited and been reaped.</summary>
    public Task<ProcessExit> Exited { get; } = exited;
}
