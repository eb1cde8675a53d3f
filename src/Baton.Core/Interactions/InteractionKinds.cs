using System.Collections.Frozen;

namespace Baton.Core.Interactions;

/// <summary>Wire names of <see cref="InteractionKind"/> values, and which decisions each kind takes.</summary>
public static class InteractionKinds
{
    private static readonly FrozenDictionary<InteractionKind, string> Names = new Dictionary<InteractionKind, string>
    {
        [InteractionKind.ToolApproval] = "tool_approval",
        [InteractionKind.Question] = "question",
        [InteractionKind.PlanApproval] = "plan_approval",
        [InteractionKind.PhaseGate] = "phase_gate",
        [InteractionKind.Budget] = "budget",
        [InteractionKind.MergeConflict] = "merge_conflict",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, InteractionKind> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every wire name.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Enum.GetValues<InteractionKind>().Select(k => Names[k]).ToArray();

    /// <summary>The wire name, for example <c>tool_approval</c>.</summary>
    public static string ToWire(this InteractionKind kind) => Names[kind];

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? name, out InteractionKind kind) =>
        ByName.TryGetValue(name?.Trim().ToLowerInvariant() ?? string.Empty, out kind);

    /// <summary>
    /// Whether <paramref name="decision"/> is a meaningful answer to <paramref name="kind"/>: a question is answered
    /// (or denied, which tells the agent nobody will answer); a budget is approved once, denied (the task is
    /// cancelled) or answered with a new amount (raised); a merge conflict is approved or answered 'resolved' (settled in the
    /// worktree), answered 'agent NAME' (handed to that agent), or denied or answered 'abort'; everything else is approved or denied.
    /// </summary>
    public static bool Accepts(this InteractionKind kind, InteractionDecision decision) => kind switch
    {
        InteractionKind.Question => decision is InteractionDecision.Answer or InteractionDecision.Deny,
        InteractionKind.Budget => decision is InteractionDecision.Approve or InteractionDecision.Deny or InteractionDecision.Answer,
        InteractionKind.MergeConflict => decision is InteractionDecision.Approve or InteractionDecision.Deny or InteractionDecision.Answer,
        _ => decision is InteractionDecision.Approve or InteractionDecision.Deny,
    };
}
