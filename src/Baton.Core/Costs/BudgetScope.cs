namespace Baton.Core.Costs;

/// <summary>Whose budget a budget interaction is about; its wire name is kept in the interaction's input.</summary>
public enum BudgetScope
{
    /// <summary>The task's own <c>budget_usd</c>.</summary>
    Task,

    /// <summary>The agent's budget per UTC day (baton.json <c>budgets.agent_daily_usd</c>).</summary>
    AgentDay,

    /// <summary>The task's workflow's <c>budget_usd</c>: what all attempts of all its tasks may cost together.</summary>
    Workflow,
}
