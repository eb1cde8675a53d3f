namespace Baton.Core.Interactions;

/// <summary>
/// What a running agent asks a person, as its runner read it from the CLI. Runners fill what their CLI gives; the
/// rest stays null.
/// </summary>
public sealed record InteractionAsk
{
    /// <summary>What kind of answer is wanted.</summary>
    public required InteractionKind Kind { get; init; }

    /// <summary>
    /// One readable line a person decides on, for example <c>Bash: rm -rf build</c> or
    /// <c>Edit src/app.py (+3 −1)</c>.
    /// </summary>
    public required string Summary { get; init; }

    /// <summary>The tool the agent wants to use (tool approvals), as the CLI names it.</summary>
    public string? ToolName { get; init; }

    /// <summary>The tool's input as JSON text, as the CLI sent it.</summary>
    public string? Input { get; init; }

    /// <summary>What the CLI suggests remembering on "always", as JSON text (Claude's permission suggestions).</summary>
    public string? Suggestions { get; init; }

    /// <summary>More for a person to read: a diff, the file, the blocked path.</summary>
    public string? Detail { get; init; }

    /// <summary>The questions of a <see cref="InteractionKind.Question"/>.</summary>
    public IReadOnlyList<InteractionQuestion> Questions { get; init; } = [];

    /// <summary>The proposed plan of a <see cref="InteractionKind.PlanApproval"/>.</summary>
    public string? Plan { get; init; }
}
