namespace Baton.Core.Initiatives.Views;

/// <summary>
/// A stream as orchestration scripts written for Task Copilot's HTTP API read it (<c>GET /api/streams/{streamId}</c>
/// and the MCP tool <c>stream_list</c>): camelCase, the same field names, so that such a script works against Baton
/// unchanged. <see cref="Dependencies"/> holds every stream it waits for, those its phase implies included.
/// </summary>
public sealed record StreamStatusView(
    string StreamId,
    string StreamName,
    string StreamPhase,
    int TotalTasks,
    int CompletedTasks,
    int InProgressTasks,
    double ProgressPercentage,
    IReadOnlyList<string> Dependencies,
    string? WorktreePath,
    string Status,
    string Branch)
{
    /// <summary>The view of <paramref name="stream"/> of <paramref name="definition"/>.</summary>
    public static StreamStatusView Of(InitiativeDefinition definition, StreamProgress stream) => new(
        stream.Id, stream.Name, stream.Phase.ToWire(), stream.TotalTasks, stream.CompletedTasks, stream.InProgressTasks, stream.Percent,
        [.. InitiativeProgress.WaitsFor(definition, definition.Streams.First(s => s.Id == stream.Id))], stream.WorktreePath, stream.Status, stream.Branch);
}

/// <summary>The streams of the initiative shown (<c>GET /api/streams</c>, <c>stream_list</c>); no initiative: null and no streams.</summary>
public sealed record StreamStatusListView(StreamInitiativeView? Initiative, IReadOnlyList<StreamStatusView> Streams)
{
    /// <summary>The view of <paramref name="status"/>, or of no initiative.</summary>
    public static StreamStatusListView Of(InitiativeStatus? status) => status is null
        ? new(null, [])
        : new(new StreamInitiativeView(status.Initiative.Id, status.Initiative.Name, status.Status),
            [.. status.Streams.Select(s => StreamStatusView.Of(status.Initiative.Definition, s))]);
}

/// <summary>Which initiative the streams belong to.</summary>
public sealed record StreamInitiativeView(string Id, string Name, string Status);
