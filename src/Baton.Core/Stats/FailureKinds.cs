using System.Text.RegularExpressions;

namespace Baton.Core.Stats;

/// <summary>
/// Sorts a failed task's error into a kind, so that failures that differ only in detail (an exit code's program
/// output, a timeout's length) count together: timeout, interrupted, launch_failed, input_timeout, no_result,
/// exit_code_N, signal_N, or other.
/// </summary>
public static partial class FailureKinds
{
    /// <summary>The kind of a task that ended as <paramref name="status"/> with <paramref name="error"/>.</summary>
    public static string Classify(string status, string? error)
    {
        if (status == "timed_out")
        {
            return "timeout";
        }

        if (string.IsNullOrWhiteSpace(error))
        {
            return "unknown";
        }

        if (error.StartsWith("interrupted", StringComparison.Ordinal) || error.StartsWith("paused", StringComparison.Ordinal))
        {
            return "interrupted";
        }

        if (error.StartsWith("Baton could not run", StringComparison.Ordinal) || error.Contains("has no program", StringComparison.Ordinal)
            || error.Contains("refused to start", StringComparison.Ordinal))
        {
            return "launch_failed";
        }

        if (error.Contains("input timeout", StringComparison.Ordinal))
        {
            return "input_timeout";
        }

        if (error.Contains("without a result", StringComparison.Ordinal) || error.Contains("no finished turn", StringComparison.Ordinal))
        {
            return "no_result";
        }

        if (ExitCode().Match(error) is { Success: true } exit)
        {
            return $"exit_code_{exit.Groups[1].Value}";
        }

        if (Signal().Match(error) is { Success: true } signal)
        {
            return $"signal_{signal.Groups[1].Value}";
        }

        return "other";
    }

    [GeneratedRegex(@"\bexit code (\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ExitCode();

    [GeneratedRegex(@"\bsignal (\d+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Signal();
}
