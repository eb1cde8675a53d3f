using Baton.Core.Application;
using Baton.Core.Application.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baton.Api;

/// <summary><c>GET /api/v1/events</c>: the event log as server-sent events, read through the application layer's <see cref="EventReader"/>.</summary>
internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        // Read (and checked) once at start: a bad value stops the daemon with a message, not each request.
        var options = EventStreamOptions.FromEnvironment();
        var stopping = routes.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        routes.MapGroup("/api/v1").WithTags("Events").WithApiProblems()
            .MapGet("/events", (HttpContext context, TaskService tasks, WorkflowService workflows, EventReader events, TimeProvider time) =>
                StreamAsync(context, tasks, workflows, events, time, options, stopping))
            .WithName("StreamEvents").WithSummary("The event log as a live stream of server-sent events")
            .WithDescription(
                "text/event-stream. Each event is written as 'id: N', 'event: TYPE' and 'data: ' with the event as one line of JSON. "
                + "Filters: task_id, workflow_id (ids or unique prefixes), type (a comma list of types or families such as task.*). "
                + "Without a position the stream starts at the current end of the log; after=N starts after event N (after=0 replays the whole log), "
                + "and a Last-Event-ID header (sent by a reconnecting EventSource) takes precedence over after, so a client that reconnects misses nothing. "
                + "A ': keep-alive' comment is sent every 15 s.")
            .Produces<EventView>(StatusCodes.Status200OK, "text/event-stream");
        return routes;
    }

    private static async Task StreamAsync(
        HttpContext context, TaskService tasks, WorkflowService workflows, EventReader events, TimeProvider time,
        EventStreamOptions options, CancellationToken stopping)
    {
        var aborted = context.RequestAborted;
        var request = await EventStreamRequest.ReadAsync(context.Request, tasks, workflows, aborted);
        var after = request.After ?? await events.LatestPositionAsync(aborted);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        await EventStream.WriteAsync(context.Response, events.FollowAsync(after, request.Filter, ended.Token), options, time, ended.Token);
    }
}
