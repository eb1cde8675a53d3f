using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Interactions;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Core.Costs;

/// <summary>
/// Stops spending when a budget is used up: before an agent attempt starts, the task's own budget, its workflow's
/// budget (all attempts of all its tasks) and its agent's budget for the day are compared with what has been spent
/// (Codex and Gemini by estimate); the tightest one decides. When one is used up, a person is asked through the
/// attempt's conversation (kind <c>budget</c>, so the task shows <c>input_required</c> and every interface can
/// answer): approve lets this one attempt run, an answer with an amount raises the budget, deny cancels the task. A
/// raise of the task's or the workflow's budget is written to it, so every interface shows it and the workflow's
/// other tasks go on under it; the agent's day budget lives in configuration, so its raise is kept in the answered
/// interaction.
/// </summary>
public sealed class BudgetGuard(ITaskStore tasks, IInteractionStore interactions, BudgetOptions options, TimeProvider time, IWorkflowStore? workflows = null)
{
    /// <summary>The input key of a budget interaction naming its scope.</summary>
    public const string ScopeKey = "scope";

    /// <summary>The input key of a budget interaction with what had been spent when it asked.</summary>
    public const string SpentKey = "spent_usd";

    /// <summary>The input key of a budget interaction with the budget when it asked.</summary>
    public const string LimitKey = "limit_usd";

    /// <summary>The most times one check asks before it lets the attempt run (a guard against answers that raise nothing).</summary>
    private const int MaxAsks = 20;

    /// <summary>
    /// Asks people while a budget of <paramref name="task"/> is used up; the attempt may run if nothing is used up
    /// (capped at what is left), a person approved once (uncapped), or raised the budget far enough; it may not if a
    /// person denied it (the task is to be cancelled).
    /// </summary>
    public async Task<BudgetApproval> ApproveAsync(TaskRecord task, IAttemptConversation conversation, Action<string> note, CancellationToken cancellationToken)
    {
        for (var asked = 0; asked < MaxAsks; asked++)
        {
            var states = await StatesAsync(task, cancellationToken);
            if (Tightest(states) is not { Exhausted: true } state)
            {
                return new BudgetApproval(true, states.Count == 0 ? null : states.Min(s => s.RemainingUsd));
            }

            note($"budget: {state.Summary}; asking a person to raise it, approve once, or cancel");
            var answered = await conversation.AskAsync(Ask(state), cancellationToken);
            await conversation.DeliveredAsync(answered, cancellationToken);
            switch (answered.Response?.Decision)
            {
                case InteractionDecision.Approve:
                    note($"budget: {answered.Response.RespondedBy} approved one more attempt");
                    return new BudgetApproval(true, null);
                case InteractionDecision.Deny:
                    note($"budget: {answered.Response.RespondedBy} declined to spend more; the task is cancelled");
                    return new BudgetApproval(false, null);
                default:
                    await RaiseAsync(task, state.Scope, answered.Response?.Message, cancellationToken);
                    note($"budget: {answered.Response?.RespondedBy} raised {state.Subject}'s budget to ${answered.Response?.Message}");
                    break;
            }
        }

        return new BudgetApproval(true, null);
    }

    /// <summary>The tightest budget of <paramref name="task"/> if it is used up, or null if none is.</summary>
    public async Task<BudgetState?> ExhaustedAsync(TaskRecord task, CancellationToken cancellationToken) =>
        Tightest(await StatesAsync(task, cancellationToken)) is { Exhausted: true } state ? state : null;

    /// <summary>
    /// The budget with the least left (the most overspent when several are used up): the one a person must be asked
    /// about, since raising any other would not let the attempt run. Null when there are none.
    /// </summary>
    public static BudgetState? Tightest(IReadOnlyList<BudgetState> states) => states.Count == 0 ? null : states.MinBy(s => s.RemainingUsd);

    /// <summary>Every budget that applies to <paramref name="task"/>, as it stands now; none if it has none.</summary>
    public async Task<IReadOnlyList<BudgetState>> StatesAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var agent = task.Definition.AgentName;
        var daily = options.DailyFor(agent);
        var states = new List<BudgetState>();
        if (await WorkflowStateAsync(task, cancellationToken) is { } workflow)
        {
            states.Add(workflow);
        }

        if (task.Definition.BudgetUsd is null && daily is null)
        {
            return states;
        }

        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var raises = await RaisesAsync(task.Id, today, cancellationToken);
        var attempts = await tasks.GetAttemptsAsync(task.Id, cancellationToken);
        var spent = attempts.Sum(a => a.Details?.CostUsd ?? 0);
        if (task.Definition.BudgetUsd is { } budget)
        {
            states.Add(new BudgetState(BudgetScope.Task, spent, Math.Max(budget, raises.GetValueOrDefault(BudgetScope.Task)), "the task"));
        }

        if (daily is { } perDay)
        {
            // The agent's tasks that ended today, and this one, which is still going.
            var ended = (await tasks.AgentStatsAsync(today, cancellationToken)).FirstOrDefault(s => s.Agent == agent)?.CostUsd ?? 0;
            states.Add(new BudgetState(BudgetScope.AgentDay, ended + spent, Math.Max(perDay, raises.GetValueOrDefault(BudgetScope.AgentDay)), $"agent {agent} today"));
        }

        return states;
    }

    /// <summary>The interaction that asks about <paramref name="state"/>; its input makes each crossing a new question.</summary>
    public static InteractionAsk Ask(BudgetState state) => new()
    {
        Kind = InteractionKind.Budget,
        Summary = state.Summary,
        Input = new JsonObject
        {
            [ScopeKey] = ScopeName(state.Scope),
            [SpentKey] = state.SpentUsd,
            [LimitKey] = state.LimitUsd,
        }.ToJsonString(),
        Detail = "Raise the budget (answer with the new amount in USD), approve one more attempt, or deny to cancel the task.",
    };

    /// <summary>What an answered budget interaction spent so far, from its input; null if it has none.</summary>
    public static decimal? SpentWhenAsked(InteractionAsk ask) => Number(ask, SpentKey);

    /// <summary>The wire name of a scope, kept in a budget interaction's input.</summary>
    public static string ScopeName(BudgetScope scope) => scope switch
    {
        BudgetScope.AgentDay => "agent_day",
        BudgetScope.Workflow => "workflow",
        _ => "task",
    };

    /// <summary>
    /// The workflow's budget as it stands, if the task belongs to a workflow that has one: what all attempts of all
    /// its tasks cost (estimates included) against it.
    /// </summary>
    private async Task<BudgetState?> WorkflowStateAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        if (workflows is null || task.Definition.WorkflowId is not { } workflowId
            || await workflows.GetContentsAsync(workflowId, cancellationToken) is not { Workflow.BudgetUsd: { } budget } contents)
        {
            return null;
        }

        var spent = contents.Attempts.Values.SelectMany(a => a).Sum(a => a.Details?.CostUsd ?? 0);
        return new BudgetState(BudgetScope.Workflow, spent, budget, "the workflow");
    }

    /// <summary>
    /// Writes a person's raise to what it raised: the task's or the workflow's stored budget (never lowering it), so
    /// that it holds for later attempts and, for a workflow, for its other tasks. The agent's day budget comes from
    /// configuration; its raise stays in the answered interaction (see <see cref="RaisesAsync"/>).
    /// </summary>
    private async Task RaiseAsync(TaskRecord task, BudgetScope scope, string? answer, CancellationToken cancellationToken)
    {
        if (answer is null || !decimal.TryParse(answer, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return;
        }

        var now = time.GetUtcNow();
        if (scope == BudgetScope.Task && amount > (task.Definition.BudgetUsd ?? 0))
        {
            await tasks.SetBudgetAsync(task.Id, amount, now, cancellationToken);
        }
        else if (scope == BudgetScope.Workflow && workflows is not null && task.Definition.WorkflowId is { } workflowId
            && await workflows.GetSnapshotAsync(workflowId, cancellationToken) is { } snapshot && amount > (snapshot.Workflow.BudgetUsd ?? 0))
        {
            await workflows.SetBudgetAsync(workflowId, amount, now, cancellationToken);
        }
    }

    /// <summary>The highest raise people gave per scope: the task's at any time, the agent's day budget today only.</summary>
    private async Task<Dictionary<BudgetScope, decimal>> RaisesAsync(string taskId, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var raises = new Dictionary<BudgetScope, decimal>();
        var answered = await interactions.ListAsync(new InteractionQuery(InteractionStatus.Answered, TaskId: taskId, Limit: 1000), cancellationToken);
        foreach (var interaction in answered)
        {
            if (interaction.Ask.Kind != InteractionKind.Budget
                || interaction.Response is not { Decision: InteractionDecision.Answer, Message: { } text }
                || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                continue;
            }

            var scope = Text(interaction.Ask, ScopeKey) switch
            {
                "agent_day" => BudgetScope.AgentDay,
                "workflow" => BudgetScope.Workflow,
                _ => BudgetScope.Task,
            };
            if (scope == BudgetScope.AgentDay && (interaction.ClosedAt ?? interaction.CreatedAt) < today)
            {
                continue;
            }

            raises[scope] = Math.Max(raises.GetValueOrDefault(scope), amount);
        }

        return raises;
    }

    private static decimal? Number(InteractionAsk ask, string key)
    {
        var value = Value(ask, key);
        return value is { ValueKind: JsonValueKind.Number } number && number.TryGetDecimal(out var amount) ? amount : null;
    }

    private static string? Text(InteractionAsk ask, string key) =>
        Value(ask, key) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static JsonElement? Value(InteractionAsk ask, string key)
    {
        if (ask.Input is not { Length: > 0 } input)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(input);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value) ? value.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
