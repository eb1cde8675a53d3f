namespace Baton.Core.Sessions;

/// <summary>A capsule's field names on the wire (MCP arguments, REST, stored JSON).</summary>
public static class CapsuleFields
{
    public const string CurrentTask = "current_task";
    public const string CompletedSteps = "completed_steps";
    public const string NextSteps = "next_steps";
    public const string Decisions = "decisions";
    public const string Decision = "decision";
    public const string Reason = "reason";
    public const string Files = "files";
    public const string OpenQuestions = "open_questions";
    public const string FailedApproaches = "failed_approaches";

    /// <summary>Every top-level field, in wire order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CurrentTask, CompletedSteps, NextSteps, Decisions, Files, OpenQuestions, FailedApproaches];

    /// <summary>The string-list fields of <paramref name="capsule"/>, by wire name.</summary>
    public static IEnumerable<(string Name, IReadOnlyList<string> Items)> Lists(ContextCapsule capsule) =>
    [
        (CompletedSteps, capsule.CompletedSteps),
        (NextSteps, capsule.NextSteps),
        (Files, capsule.Files),
        (OpenQuestions, capsule.OpenQuestions),
        (FailedApproaches, capsule.FailedApproaches),
    ];
}
