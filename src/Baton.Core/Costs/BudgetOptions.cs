using System.Text.Json;
using Baton.Core.Errors;

namespace Baton.Core.Costs;

/// <summary>
/// Budgets from baton.json's <c>budgets</c>: <c>{"agent_daily_usd": {"reviewer": 20, "*": 50}}</c> caps what each
/// agent definition's tasks may spend per UTC day (<c>*</c> for every agent without its own entry).
/// </summary>
public sealed class BudgetOptions
{
    /// <summary>No budgets beyond the tasks' own.</summary>
    public static BudgetOptions None { get; } = new();

    /// <summary>USD per UTC day, by agent name; <c>*</c> applies to agents without an entry.</summary>
    public IReadOnlyDictionary<string, decimal> AgentDailyUsd { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The daily budget of <paramref name="agent"/>, or null for none.</summary>
    public decimal? DailyFor(string? agent) =>
        agent is null ? null
        : AgentDailyUsd.TryGetValue(agent, out var own) ? own
        : AgentDailyUsd.TryGetValue("*", out var all) ? all
        : null;

    /// <summary>Reads baton.json's <c>budgets</c> (null: none).</summary>
    public static BudgetOptions Parse(JsonElement? budgets, string source)
    {
        if (budgets is not { } settings || settings.ValueKind == JsonValueKind.Null)
        {
            return None;
        }

        const string Example = "{\"agent_daily_usd\": {\"reviewer\": 20, \"*\": 50}}";
        if (settings.ValueKind != JsonValueKind.Object)
        {
            throw BatonException.Invalid($"{source}: \"budgets\" must be an object, e.g. {Example}");
        }

        var daily = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var entry in settings.EnumerateObject())
        {
            if (entry.Name != "agent_daily_usd" || entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw BatonException.Invalid($"{source}: \"budgets\" takes \"agent_daily_usd\", an object of agent names to USD per day, e.g. {Example}");
            }

            foreach (var agent in entry.Value.EnumerateObject())
            {
                daily[agent.Name] = agent.Value.ValueKind == JsonValueKind.Number && agent.Value.TryGetDecimal(out var usd)
                    && usd >= Application.Fields.TaskFields.MinBudgetUsd && usd <= Application.Fields.TaskFields.MaxBudgetUsd
                    ? usd
                    : throw BatonException.Invalid(
                        $"{source}: \"budgets.agent_daily_usd.{agent.Name}\" must be USD from {Application.Fields.TaskFields.MinBudgetUsd} to {Application.Fields.TaskFields.MaxBudgetUsd} (got {agent.Value.GetRawText()})");
            }
        }

        return new BudgetOptions { AgentDailyUsd = daily };
    }
}
