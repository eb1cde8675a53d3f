namespace Baton.Core.Sessions;

/// <summary>
/// What an agent hands to the session that continues its work: where it stands, not how it got there. Compact by
/// design (at most <see cref="CapsuleRules.MaxBytes"/> as JSON): no file contents, no conversation history.
/// </summary>
public sealed record ContextCapsule
{
    /// <summary>What the work is, in a sentence or two.</summary>
    public required string CurrentTask { get; init; }

    /// <summary>Steps done so far, oldest first.</summary>
    public IReadOnlyList<string> CompletedSteps { get; init; } = [];

    /// <summary>Steps still to do, in order.</summary>
    public IReadOnlyList<string> NextSteps { get; init; } = [];

    /// <summary>Decisions that must survive the handoff, each with its reason.</summary>
    public IReadOnlyList<CapsuleDecision> Decisions { get; init; } = [];

    /// <summary>Paths that matter (names only, never contents).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Questions not settled yet.</summary>
    public IReadOnlyList<string> OpenQuestions { get; init; } = [];

    /// <summary>Approaches tried that did not work, so the next session does not try them again.</summary>
    public IReadOnlyList<string> FailedApproaches { get; init; } = [];
}

/// <summary>A decision and why it was taken.</summary>
public sealed record CapsuleDecision(string Decision, string Reason);
