namespace Baton.Core.Retry;

/// <summary>Delays between retries of failed attempts.</summary>
public sealed class RetryOptions
{
    /// <summary>The first retry's delay bound, and the fixed delay. Default 2 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest any retry waits. Default 10 min.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws with a message that says how to fix an invalid value.</summary>
    public void Validate()
    {
        if (BaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"retry base delay must not be negative (got {BaseDelay.TotalSeconds} s).");
        }

        if (MaxDelay < BaseDelay)
        {
            throw new ArgumentException(
                $"retry cap ({MaxDelay.TotalSeconds} s) must be at least the base delay ({BaseDelay.TotalSeconds} s).");
        }
    }
}
