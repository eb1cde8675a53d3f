namespace Baton.Core.Runners;

/// <summary>What a runner reports when an attempt ends.</summary>
public sealed record AttemptOutcome
{
    /// <summary>True if the work succeeded.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The result text on success.</summary>
    public string? Result { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The main process's exit code, if it had one.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the main process, if any.</summary>
    public int? Signal { get; init; }

    /// <summary>False when retrying cannot help (the program does not exist, the input is invalid).</summary>
    public bool Retryable { get; init; } = true;

    /// <summary>For agent runners: how the agent's CLI reported the run (tokens, cost, session, errors).</summary>
    public Agents.AgentRunDetails? Details { get; init; }

    /// <summary>A success with a result.</summary>
    public static AttemptOutcome Success(string? result, int? exitCode = 0) =>
        new() { Succeeded = true, Result = result, ExitCode = exitCode };

    /// <summary>A failure.</summary>
    public static AttemptOutcome Failure(string error, bool retryable = true, int? exitCode = null, int? signal = null) =>
        new() { Succeeded = false, Error = error, Retryable = retryable, ExitCode = exitCode, Signal = signal };
}
