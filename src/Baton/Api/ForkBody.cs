using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/tasks/{id}/fork</c>: a new task on a copy of a finished agent task's session.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ForkBody
{
    /// <summary>What the copy of the session is asked to do.</summary>
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
}
