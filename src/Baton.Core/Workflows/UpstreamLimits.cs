namespace Baton.Core.Workflows;

/// <summary>
/// How much of its upstream tasks' results a downstream task receives. Results beyond a cap are cut with a visible
/// marker, so a prompt never grows without bound however chatty the upstream agents were.
/// </summary>
/// <param name="PerTaskBytes">UTF-8 bytes kept of each upstream task's result (default 8 KiB).</param>
/// <param name="TotalBytes">UTF-8 bytes of the whole summary (default 32 KiB).</param>
public sealed record UpstreamLimits(int PerTaskBytes = UpstreamLimits.DefaultPerTaskBytes, int TotalBytes = UpstreamLimits.DefaultTotalBytes)
{
    /// <summary>8 KiB.</summary>
    public const int DefaultPerTaskBytes = 8 * 1024;

    /// <summary>32 KiB.</summary>
    public const int DefaultTotalBytes = 32 * 1024;

    /// <summary>
    /// The largest total: the summary reaches command tasks as one environment variable, and Linux refuses a single
    /// environment string over 128 KiB.
    /// </summary>
    public const int MaxTotalBytes = 100 * 1024;

    /// <summary>The defaults.</summary>
    public static UpstreamLimits Default { get; } = new();
}
