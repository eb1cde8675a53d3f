namespace Baton.Core.Initiatives;

/// <summary>An initiative as stored: what it is, and the workflow that runs it once it started.</summary>
/// <param name="Id">Its id (<see cref="InitiativeIds"/>).</param>
/// <param name="Definition">Its repository, limits and streams.</param>
/// <param name="WorkflowId">The workflow that runs it; null until it is started.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Who created it (as for tasks); its workflow belongs to them.</param>
/// <param name="ArchivedAt">When it was archived (its worktrees removed), or null.</param>
public sealed record InitiativeRecord(
    string Id,
    InitiativeDefinition Definition,
    string? WorkflowId,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ArchivedAt)
{
    /// <summary>The initiative's name.</summary>
    public string Name => Definition.Name;
}
