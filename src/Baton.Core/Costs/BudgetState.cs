namespace Baton.Core.Costs;

/// <summary>A budget as it stands before an attempt: how much is spent of how much.</summary>
/// <param name="Scope">Whose budget.</param>
/// <param name="SpentUsd">What has been spent (estimates included).</param>
/// <param name="LimitUsd">The budget, raised as people answered.</param>
/// <param name="Subject">What it belongs to, for people: "the task", "agent reviewer today".</param>
public sealed record BudgetState(BudgetScope Scope, decimal SpentUsd, decimal LimitUsd, string Subject)
{
    /// <summary>True when nothing is left to spend.</summary>
    public bool Exhausted => SpentUsd >= LimitUsd;

    /// <summary>What is left to spend; negative when overspent.</summary>
    public decimal RemainingUsd => LimitUsd - SpentUsd;

    /// <summary>One line for people, for example <c>the task has spent $4.87 of its $5.00 budget</c>.</summary>
    public string Summary => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{Subject} has spent ${SpentUsd:0.00} of its ${LimitUsd:0.00} budget");
}
