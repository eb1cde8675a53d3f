namespace Baton.Core.Processes;

/// <summary>How to start a supervised process: no shell, an explicit environment, its own session.</summary>
/// <param name="ExecutablePath">Absolute path of the program (see <see cref="ProgramResolver"/>).</param>
/// <param name="Arguments">Arguments after argv[0].</param>
/// <param name="WorkingDirectory">The process's working directory.</param>
/// <param name="Environment">The complete environment of the process.</param>
/// <param name="StandardInput">
/// Bytes written to its stdin before it is closed; null (and no <see cref="Input"/>) connects stdin to /dev/null.
/// </param>
public sealed record ProcessStartSpec(
    string ExecutablePath,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    byte[]? StandardInput = null)
{
    /// <summary>
    /// Stdin kept open on a pipe the caller writes through while the process runs, instead of
    /// <see cref="StandardInput"/>'s bytes then end-of-file. Supervision closes it when the process ends.
    /// </summary>
    public ProcessInput? Input { get; init; }
}
