namespace Baton.Core.Interactions;

/// <summary>Wire names of <see cref="InteractionDecision"/> values.</summary>
public static class InteractionDecisions
{
    /// <summary>Every wire name.</summary>
    public static IReadOnlyList<string> AllNames { get; } = ["approve", "deny", "answer"];

    /// <summary>The wire name, for example <c>approve</c>.</summary>
    public static string ToWire(this InteractionDecision decision) => decision switch
    {
        InteractionDecision.Approve => "approve",
        InteractionDecision.Deny => "deny",
        _ => "answer",
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? name, out InteractionDecision decision)
    {
        decision = name?.Trim().ToLowerInvariant() switch
        {
            "approve" => InteractionDecision.Approve,
            "deny" => InteractionDecision.Deny,
            "answer" => InteractionDecision.Answer,
            _ => (InteractionDecision)(-1),
        };
        return Enum.IsDefined(decision);
    }
}
