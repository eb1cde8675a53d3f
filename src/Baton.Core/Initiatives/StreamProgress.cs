namespace Baton.Core.Initiatives;

/// <summary>Where one stream of an initiative stands, derived from its workflow's tasks.</summary>
/// <param name="Id">The stream's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Phase">When it runs.</param>
/// <param name="DependsOn">The streams it waits for, as written (its phase's implied ones not included).</param>
/// <param name="TotalTasks">Its tasks.</param>
/// <param name="CompletedTasks">Of those, the completed ones.</param>
/// <param name="InProgressTasks">Of those, the ones running, retrying or waiting for a person.</param>
/// <param name="Status">pending, blocked, running, completed, failed or cancelled.</param>
/// <param name="Branch">The git branch it works on.</param>
/// <param name="WorktreePath">The worktree it works in, once known.</param>
public sealed record StreamProgress(
    string Id,
    string Name,
    StreamPhase Phase,
    IReadOnlyList<string> DependsOn,
    int TotalTasks,
    int CompletedTasks,
    int InProgressTasks,
    string Status,
    string Branch,
    string? WorktreePath)
{
    /// <summary>Completed tasks as a percentage of all, to one decimal.</summary>
    public double Percent => TotalTasks == 0 ? 0 : Math.Round(100.0 * CompletedTasks / TotalTasks, 1);
}
