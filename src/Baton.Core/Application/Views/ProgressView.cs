namespace Baton.Core.Application.Views;

/// <summary>What a running task is doing (the progress object of every interface).</summary>
public sealed record ProgressView
{
    /// <summary>Percent done, when known (agents do not say).</summary>
    public int? Percent { get; init; }

    /// <summary>The agent's latest tool call, e.g. <c>Bash: npm test</c>.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>Seconds left, when there is history to estimate from.</summary>
    public long? EstimatedTimeRemaining { get; init; }

    /// <summary>Model turns so far.</summary>
    public int? Turns { get; init; }

    /// <summary>Retries of the model API so far in this attempt.</summary>
    public int? ApiRetries { get; init; }
}
