namespace Baton.Core.Initiatives.Views;

/// <summary>An initiative on Baton's own surfaces, with its streams.</summary>
public sealed record InitiativeView(
    string Id,
    string Name,
    string Repository,
    string? Base,
    int MaxParallel,
    string Status,
    string? WorkflowId,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ArchivedAt,
    IReadOnlyList<StreamView> Streams)
{
    /// <summary>The view of <paramref name="status"/>.</summary>
    public static InitiativeView Of(InitiativeStatus status)
    {
        var initiative = status.Initiative;
        var definition = initiative.Definition;
        return new(initiative.Id, definition.Name, definition.Repository, definition.Base, definition.MaxParallel, status.Status, initiative.WorkflowId,
            initiative.CreatedAt, initiative.CreatedBy, initiative.ArchivedAt, [.. status.Streams.Select(StreamView.Of)]);
    }
}

/// <summary>Initiatives in a list, newest first.</summary>
public sealed record InitiativeListView(IReadOnlyList<InitiativeView> Initiatives);
