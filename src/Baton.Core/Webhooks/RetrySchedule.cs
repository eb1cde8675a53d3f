using Baton.Core.Retry;

namespace Baton.Core.Webhooks;

/// <summary>
/// When a delivery is tried: <see cref="Delays"/>[0] after the event (the first attempt), then each next delay after
/// a failed attempt, until the list runs out. A receiver's Retry-After can only push an attempt later, never earlier,
/// and no further than <see cref="MaxRetryAfter"/>.
/// </summary>
public sealed record RetrySchedule(IReadOnlyList<TimeSpan> Delays)
{
    /// <summary>Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over about 28 hours.</summary>
    public static RetrySchedule Default { get; } = new(
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ]);

    /// <summary>The most a Retry-After header may delay an attempt.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How many attempts a delivery gets.</summary>
    public int MaxAttempts => Delays.Count;

    /// <summary>
    /// When to try again after attempt number <paramref name="attemptsMade"/> failed at <paramref name="now"/>; null
    /// when the schedule is used up.
    /// </summary>
    public DateTimeOffset? NextAttemptAt(int attemptsMade, DateTimeOffset now, TimeSpan? retryAfter = null)
    {
        if (Backoff.FromList(Delays).DelayFor(attemptsMade + 1) is not { } delay)
        {
            return null;
        }

        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < MaxRetryAfter ? asked : MaxRetryAfter;
        }

        return now + delay;
    }
}
