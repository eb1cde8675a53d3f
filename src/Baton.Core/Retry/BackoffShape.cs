namespace Baton.Core.Retry;

/// <summary>How a <see cref="Backoff"/>'s delay grows from one attempt to the next.</summary>
public enum BackoffShape
{
    /// <summary>The same delay every time.</summary>
    Constant,

    /// <summary>Doubling from the base delay up to the cap.</summary>
    Exponential,

    /// <summary>A written list of delays, one per attempt.</summary>
    Listed,
}
