using Baton.Core.Tasks;

namespace Baton.Core.Retry;

/// <summary>The wait before a task's retry: its <see cref="RetryBackoff"/> setting as a <see cref="Backoff"/>.</summary>
public static class RetryDelays
{
    /// <summary>The backoff a task with <paramref name="backoff"/> retries by.</summary>
    public static Backoff For(RetryBackoff backoff, RetryOptions options) => backoff switch
    {
        RetryBackoff.None => Backoff.Immediate,
        RetryBackoff.Fixed => Backoff.Constant(options.BaseDelay),
        _ => Backoff.Exponential(options.BaseDelay, options.MaxDelay, fullJitter: true),
    };

    /// <summary>
    /// The delay before retry number <paramref name="retryNumber"/> (1 for the first retry).
    /// <paramref name="unitRandom"/> is a value in [0, 1) that supplies the jitter.
    /// </summary>
    public static TimeSpan Compute(RetryBackoff backoff, int retryNumber, RetryOptions options, double unitRandom) =>
        For(backoff, options).DelayFor(retryNumber, unitRandom) ?? TimeSpan.Zero;
}
