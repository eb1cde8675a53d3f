using Baton.Core.Tasks;

namespace Baton.Core.Retry;

/// <summary>Computes the wait before a retry (exponential backoff with full jitter, fixed, or none).</summary>
public static class RetryDelays
{
    /// <summary>
    /// The delay before retry number <paramref name="retryNumber"/> (1 for the first retry).
    /// <paramref name="unitRandom"/> is a value in [0, 1) that supplies the jitter.
    /// </summary>
    public static TimeSpan Compute(RetryBackoff backoff, int retryNumber, RetryOptions options, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        switch (backoff)
        {
            case RetryBackoff.None:
                return TimeSpan.Zero;
            case RetryBackoff.Fixed:
                return options.BaseDelay;
            default:
                // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): spreads retries of many
                // tasks that failed together, at the price of sometimes retrying almost at once.
                var exponent = Math.Min(retryNumber - 1, 40);
                var ceilingTicks = Math.Min(options.MaxDelay.Ticks, options.BaseDelay.Ticks * Math.Pow(2, exponent));
                return TimeSpan.FromTicks((long)(ceilingTicks * Math.Clamp(unitRandom, 0, 1)));
        }
    }
}
