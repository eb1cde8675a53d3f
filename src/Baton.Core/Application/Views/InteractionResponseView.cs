namespace Baton.Core.Application.Views;

/// <summary>The decision on an interaction: what was decided, by whom.</summary>
public sealed record InteractionResponseView
{
    /// <summary>approve, deny or answer.</summary>
    public required string Decision { get; init; }
    public string? Message { get; init; }
    /// <summary>A question's answers, keyed by the question's text.</summary>
    public required IReadOnlyDictionary<string, string> Answers { get; init; }
    /// <summary>Approved "always": the rule is remembered for the rest of the session.</summary>
    public required bool Remember { get; init; }
    /// <summary>Who decided: <c>token:NAME</c>, <c>cli:USER</c>, <c>mcp:USER</c>, <c>loopback</c>, or <c>policy</c> (the input timeout).</summary>
    public required string RespondedBy { get; init; }
}
