namespace Baton.Core.Tasks;

/// <summary>Wire names of <see cref="TaskPriority"/> values.</summary>
public static class TaskPriorities
{
    /// <summary>Accepted names, highest first.</summary>
    public static IReadOnlyList<string> AllNames { get; } = ["critical", "high", "normal", "low"];

    /// <summary>The wire name, for example <c>high</c>.</summary>
    public static string ToWire(this TaskPriority priority) => priority switch
    {
        TaskPriority.Critical => "critical",
        TaskPriority.High => "high",
        TaskPriority.Low => "low",
        _ => "normal",
    };

    /// <summary>Parses a wire name; returns false for anything else.</summary>
    public static bool TryParse(string? name, out TaskPriority priority)
    {
        priority = name?.Trim().ToLowerInvariant() switch
        {
            "critical" => TaskPriority.Critical,
            "high" => TaskPriority.High,
            "normal" => TaskPriority.Normal,
            "low" => TaskPriority.Low,
            _ => (TaskPriority)(-1),
        };
        return Enum.IsDefined(priority);
    }
}
