namespace Baton.Core.Retry;

/// <summary>
/// The one way Baton spaces attempts: task retries, webhook deliveries and the engine's retries of a busy store all
/// ask a <see cref="Backoff"/> for the delay before attempt number N. It computes a delay rather than running a
/// callback because most of its callers persist the answer (a task's <c>due_at</c>, a delivery's next attempt) and
/// wait for it across restarts. The delay is data too: a fixed list, a constant, or a doubling with a cap.
/// </summary>
public sealed record Backoff
{
    private Backoff(BackoffShape shape, TimeSpan baseDelay, TimeSpan maxDelay, IReadOnlyList<TimeSpan> listed, bool fullJitter)
    {
        Shape = shape;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        Listed = listed;
        FullJitter = fullJitter;
    }

    /// <summary>Every attempt at once.</summary>
    public static Backoff Immediate { get; } = new(BackoffShape.Constant, TimeSpan.Zero, TimeSpan.Zero, [], fullJitter: false);

    /// <summary>How the delay grows.</summary>
    public BackoffShape Shape { get; }

    /// <summary>The first delay (and the constant one).</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The longest a doubling delay grows.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>The delays of a listed backoff, one per attempt.</summary>
    public IReadOnlyList<TimeSpan> Listed { get; }

    /// <summary>
    /// True to draw the delay uniformly between zero and the computed one ("full jitter"), which spreads attempts
    /// of many callers that failed together, at the price of sometimes trying again almost at once.
    /// </summary>
    public bool FullJitter { get; }

    /// <summary>The same delay before every attempt.</summary>
    public static Backoff Constant(TimeSpan delay) => new(BackoffShape.Constant, delay, delay, [], fullJitter: false);

    /// <summary>A delay that starts at <paramref name="baseDelay"/> and doubles per attempt up to <paramref name="maxDelay"/>.</summary>
    public static Backoff Exponential(TimeSpan baseDelay, TimeSpan maxDelay, bool fullJitter) =>
        new(BackoffShape.Exponential, baseDelay, maxDelay, [], fullJitter);

    /// <summary>The delays written out, one per attempt; once the list runs out there is no next attempt.</summary>
    public static Backoff FromList(IReadOnlyList<TimeSpan> delays) => new(BackoffShape.Listed, TimeSpan.Zero, TimeSpan.Zero, delays, fullJitter: false);

    /// <summary>
    /// The delay before attempt number <paramref name="attempt"/> (1 for the first delay), or null when a listed
    /// backoff has run out. <paramref name="unitRandom"/> is a value in [0, 1) that supplies the jitter.
    /// </summary>
    public TimeSpan? DelayFor(int attempt, double unitRandom = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        TimeSpan delay;
        switch (Shape)
        {
            case BackoffShape.Listed:
                if (attempt > Listed.Count)
                {
                    return null;
                }

                delay = Listed[attempt - 1];
                break;
            case BackoffShape.Exponential:
                // Past 2^40 the cap has long been reached; the bound keeps the arithmetic finite.
                var exponent = Math.Min(attempt - 1, 40);
                delay = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * Math.Pow(2, exponent)));
                break;
            default:
                delay = BaseDelay;
                break;
        }

        return FullJitter ? TimeSpan.FromTicks((long)(delay.Ticks * Math.Clamp(unitRandom, 0, 1))) : delay;
    }
}
