namespace Baton.Core.Interactions;

/// <summary>A decision on an interaction, as stored and as delivered to the waiting agent.</summary>
public sealed record InteractionResponse
{
    /// <summary>The decision.</summary>
    public required InteractionDecision Decision { get; init; }

    /// <summary>
    /// For a denial, the reason the agent sees; for an approval, feedback added to what the agent is told (a phase
    /// gate's feedback goes into its tasks' prompts); for an answer, free text when there are no per-question answers.
    /// </summary>
    public string? Message { get; init; }

    /// <summary>A question's answers, keyed by the question's text.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();

    /// <summary>Approve "always": the CLI remembers the rule for the rest of the session.</summary>
    public bool Remember { get; init; }

    /// <summary>Who decided: a token's name, a local user, or <c>policy</c> when the input timeout decided.</summary>
    public required string RespondedBy { get; init; }
}
