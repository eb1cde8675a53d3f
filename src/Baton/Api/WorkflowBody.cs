using System.Text.Json.Serialization;

namespace Baton.Api;

/// <summary><c>POST /api/v1/workflows</c>: a new draft workflow.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record WorkflowBody
{
    /// <summary>A short name (required).</summary>
    public string? Name { get; init; }

    /// <summary>What the workflow is for.</summary>
    public string? Description { get; init; }

    /// <summary>fail_fast (default): the first task that fails for good cancels what has not started; continue: independent branches go on.</summary>
    public string? FailurePolicy { get; init; }

    /// <summary>The most all attempts of all its tasks may cost together, in USD (estimates included); past it a person is asked to raise it, approve once, or cancel.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>A URL to POST the workflow's and its phases' changes, its tasks' ends and milestones to; a new URL's secret comes back once.</summary>
    public string? WebhookUrl { get; init; }
}
