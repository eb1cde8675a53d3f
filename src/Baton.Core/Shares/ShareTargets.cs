namespace Baton.Core.Shares;

/// <summary>Wire names of <see cref="ShareTarget"/>: <c>task</c>, <c>workflow</c>.</summary>
public static class ShareTargets
{
    /// <summary>The wire name.</summary>
    public static string ToWire(this ShareTarget target) => target switch
    {
        ShareTarget.Task => "task",
        ShareTarget.Workflow => "workflow",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "no such share target"),
    };

    /// <summary>Parses a wire name; null if it is not one.</summary>
    public static ShareTarget? TryParse(string? text) => text switch
    {
        "task" => ShareTarget.Task,
        "workflow" => ShareTarget.Workflow,
        _ => null,
    };
}
