namespace Baton.Core.Webhooks;

/// <summary>Webhook settings (baton.json "webhooks"), with their defaults.</summary>
public sealed record WebhookOptions
{
    /// <summary>Allow private and loopback receivers ("allow_private"; default true). Link-local is never allowed.</summary>
    public bool AllowPrivate { get; init; } = true;

    /// <summary>When deliveries are tried ("retry_schedule"); default <see cref="RetrySchedule.Default"/>.</summary>
    public RetrySchedule Schedule { get; init; } = RetrySchedule.Default;

    /// <summary>How long one attempt may take, connecting included ("timeout_seconds"; default 15 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a rotated-out secret keeps signing ("rotation_overlap_hours"; default 24 h).</summary>
    public TimeSpan RotationOverlap { get; init; } = TimeSpan.FromHours(24);
}
