namespace Baton.Core.Webhooks;

/// <summary>The decision after an attempt, as a pure function of its result and the schedule.</summary>
/// <param name="Verdict">What becomes of the delivery.</param>
/// <param name="NextAttemptAt">When to try again, for <see cref="DeliveryVerdict.Retry"/>.</param>
/// <param name="Error">What went wrong, for anything but <see cref="DeliveryVerdict.Delivered"/>.</param>
public sealed record DeliveryOutcome(DeliveryVerdict Verdict, DateTimeOffset? NextAttemptAt, string? Error)
{
    /// <summary>
    /// Decides after attempt number <paramref name="attemptsMade"/>: 2xx delivered; 410 disables the endpoint;
    /// anything else (3xx included: redirects are never followed, 4xx, 5xx, no answer) is tried again while the
    /// schedule lasts, honouring Retry-After, unless the failure is permanent (a refused address).
    /// </summary>
    public static DeliveryOutcome Decide(AttemptResult result, int attemptsMade, RetrySchedule schedule, DateTimeOffset now)
    {
        if (result.StatusCode is >= 200 and < 300)
        {
            return new DeliveryOutcome(DeliveryVerdict.Delivered, null, null);
        }

        if (result.StatusCode == 410)
        {
            return new DeliveryOutcome(DeliveryVerdict.DisableEndpoint, null, "410 Gone: the receiver asked not to be called again; the endpoint is disabled");
        }

        var error = result.Error ?? result.StatusCode switch
        {
            >= 300 and < 400 => $"HTTP {result.StatusCode}: redirects are not followed; give the final URL",
            _ => $"HTTP {result.StatusCode}",
        };
        if (result.Permanent)
        {
            return new DeliveryOutcome(DeliveryVerdict.GiveUp, null, error);
        }

        return schedule.NextAttemptAt(attemptsMade, now, result.RetryAfter) is { } next
            ? new DeliveryOutcome(DeliveryVerdict.Retry, next, error)
            : new DeliveryOutcome(DeliveryVerdict.GiveUp, null, error);
    }
}
