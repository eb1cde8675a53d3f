namespace Baton.Core.Initiatives.Views;

/// <summary>A stream on Baton's own surfaces (REST under /api/v1, <c>--json</c>): snake_case.</summary>
public sealed record StreamView(
    string Id,
    string Name,
    string Phase,
    IReadOnlyList<string> DependsOn,
    int TotalTasks,
    int CompletedTasks,
    int InProgressTasks,
    double ProgressPercentage,
    string Status,
    string Branch,
    string? WorktreePath)
{
    /// <summary>The view of <paramref name="stream"/>.</summary>
    public static StreamView Of(StreamProgress stream) => new(
        stream.Id, stream.Name, stream.Phase.ToWire(), stream.DependsOn, stream.TotalTasks, stream.CompletedTasks, stream.InProgressTasks,
        stream.Percent, stream.Status, stream.Branch, stream.WorktreePath);
}
