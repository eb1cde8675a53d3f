namespace Baton.Core.Processes;

/// <summary>How a process ended: an exit code, or the signal that killed it.</summary>
public readonly record struct ProcessExit(int? ExitCode, int? Signal)
{
    /// <summary>Decodes a waitpid status word.</summary>
    internal static ProcessExit FromWaitStatus(int status)
    {
        var signal = status & 0x7f;
        return signal == 0 ? new ProcessExit((status >> 8) & 0xff, null) : new ProcessExit(null, signal);
    }

    /// <summary>For messages: "exit code 3" or "signal 9 (SIGKILL)".</summary>
    public override string ToString() => ExitCode is { } code
        ? $"exit code {code}"
        : $"signal {Signal}{Signal switch { 9 => " (SIGKILL)", 15 => " (SIGTERM)", 2 => " (SIGINT)", 6 => " (SIGABRT)", 11 => " (SIGSEGV)", _ => string.Empty }}";
}
