namespace Baton.Core.Costs;

/// <summary>Whether an attempt may run, and how much it may spend before it is stopped.</summary>
/// <param name="Run">False when a person declined to spend more (the task is to be cancelled).</param>
/// <param name="RemainingUsd">What is left of the tightest budget; null when nothing caps the attempt (no budget, or approved once).</param>
public sealed record BudgetApproval(bool Run, decimal? RemainingUsd);
