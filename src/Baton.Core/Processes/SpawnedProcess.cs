using Baton.Core.Attempts;

namespace Baton.Core.Processes;

/// <summary>A started process: its identity, its output streams and its exit.</summary>
internal sealed class SpawnedProcess(ProcessIdentity identity, Stream standardOutput, Stream standardError, Task<ProcessExit> exited)
{
    public ProcessIdentity Identity { get; } = identity;

    public Stream StandardOutput { get; } = standardOutput;

    public Stream StandardError { get; } = standardError;

    /// <summary>Completes when the process has exited and been reaped.</summary>
    public Task<ProcessExit> Exited { get; } = exited;
}
