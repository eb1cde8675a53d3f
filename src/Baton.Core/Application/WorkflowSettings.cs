using Baton.Core.Workflows;

namespace Baton.Core.Application;

/// <summary>What a caller chooses when creating a workflow.</summary>
/// <param name="Name">A short human-readable name.</param>
/// <param name="Description">What it is for.</param>
/// <param name="FailurePolicy">fail_fast (default) or continue.</param>
/// <param name="UpstreamLimits">Caps on the upstream summary; null for the defaults (8 KiB per task, 32 KiB in all).</param>
/// <param name="CreatedBy">Who creates it (set by the front end from the caller's identity).</param>
/// <param name="BudgetUsd">The most all its tasks' attempts may cost together, in USD; null for no limit.</param>
public sealed record WorkflowSettings(
    string Name, string? Description = null, FailurePolicy FailurePolicy = FailurePolicy.FailFast, UpstreamLimits? UpstreamLimits = null, string? CreatedBy = null, decimal? BudgetUsd = null);
