namespace Baton.Core.Application;

/// <summary>
/// A fork of a finished agent task: the prompt for the copy of its session, and what the new task changes from the
/// original (unset: as the original had it). REST reads it as it is (snake_case).
/// </summary>
public sealed record TaskForkRequest
{
    /// <summary>What the forked session is told.</summary>
    public string? Prompt { get; init; }

    /// <summary>The new task's name; default: "fork of" the original's.</summary>
    public string? Name { get; init; }

    /// <summary>Overrides the model.</summary>
    public string? Model { get; init; }

    /// <summary>Overrides the bound on each attempt's run time.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Overrides the budget, in USD.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>Overrides the number of retries.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>Who asks: set by the front end from the caller's identity, never by the caller.</summary>
    public string? CreatedBy { get; init; }
}
