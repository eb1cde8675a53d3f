namespace Baton.Core.Tasks;

/// <summary>How the wait before a retry grows.</summary>
public enum RetryBackoff
{
    /// <summary>Exponential with full jitter: a random wait in [0, min(cap, base * 2^(n-1))].</summary>
    Exponential,
    /// <summary>The base delay every time.</summary>
    Fixed,
    /// <summary>Retry at once.</summary>
    None,
}
