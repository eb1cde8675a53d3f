namespace Baton.Core.Webhooks;

/// <summary>
/// An attempt to write down: its result, the body it sent (frozen if it was the first), and what follows: the
/// delivery's new status and next attempt, and whether the endpoint is to be disabled.
/// </summary>
public sealed record DeliveryAttempt(
    long Seq,
    DateTimeOffset At,
    AttemptResult Result,
    TimeSpan Duration,
    string Body,
    DeliveryOutcome Outcome);
