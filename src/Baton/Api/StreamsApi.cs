using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Initiatives.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>
/// <c>GET /api/streams</c> and <c>GET /api/streams/{streamId}</c>: the routes and camelCase fields of Task Copilot's
/// HTTP API, so that its generated orchestration scripts (<c>start-streams.py</c>) poll Baton unchanged. The streams
/// are those of <c>?initiative=ID</c> (or name), else of the newest unarchived running initiative, else of the newest
/// unarchived one.
/// </summary>
internal static class StreamsApi
{
    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder routes)
    {
        var streams = routes.MapGroup("/api/streams").WithTags("Streams").WithApiProblems();
        streams.MapGet("", ListAsync).WithName("ListStreams")
            .WithSummary("The streams of the current initiative (or ?initiative=ID), with Task Copilot's field names: streamId, streamName, streamPhase, totalTasks, completedTasks, inProgressTasks, progressPercentage, dependencies, worktreePath");
        streams.MapGet("/{streamId}", GetAsync).WithName("GetStream").WithSummary("One stream of the current initiative (or ?initiative=ID); 404 if it has no such stream");
        return routes;
    }

    private static async Task<JsonHttpResult<StreamStatusListView>> ListAsync([FromQuery] string? initiative, InitiativeService initiatives, CancellationToken cancellationToken) =>
        TypedResults.Json(StreamStatusListView.Of(await initiatives.CurrentAsync(initiative, cancellationToken)), StreamStatusJsonContext.Default.StreamStatusListView);

    private static async Task<JsonHttpResult<StreamStatusView>> GetAsync(
        [FromRoute] string streamId, [FromQuery] string? initiative, InitiativeService initiatives, CancellationToken cancellationToken)
    {
        var current = await initiatives.CurrentAsync(initiative, cancellationToken)
            ?? throw BatonException.NotFound($"no stream '{streamId}': there is no initiative; create one with 'baton initiative run FILE'");
        var stream = current.Streams.FirstOrDefault(s => s.Id == streamId)
            ?? throw BatonException.NotFound($"initiative {current.Initiative.Name} has no stream '{streamId}'; its streams are {string.Join(", ", current.Streams.Select(s => s.Id))}");
        return TypedResults.Json(StreamStatusView.Of(current.Initiative.Definition, stream), StreamStatusJsonContext.Default.StreamStatusView);
    }
}
