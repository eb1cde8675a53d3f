using Baton.Core.Application;
using Baton.Core.Application.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>
/// The worker nodes that share the store, under /api/v1/workers: the list (as <c>baton workers --json</c>), and
/// drain and resume by name (as <c>baton worker drain|resume NAME</c>). An unknown name is a 404 naming the known ones.
/// </summary>
internal static class WorkersApi
{
    public static IEndpointRouteBuilder MapWorkersApi(this IEndpointRouteBuilder routes)
    {
        var workers = routes.MapGroup("/api/v1/workers").WithTags("Workers").WithApiProblems();
        workers.MapGet("", ListAsync)
            .WithName("ListWorkers").WithSummary("The worker nodes: name, host, version, slots, running attempts, last heartbeat, state, labels")
            .WithDescription("state: active, draining or gone (stopped, or no heartbeat for three lease-renewal intervals, 30 s by default). A draining node's drained_at says when nothing ran on it any more.");
        workers.MapPost("/{name}/drain", DrainAsync)
            .WithName("DrainWorker").WithSummary("Stop a worker claiming new work; its running attempts finish")
            .WithDescription("The node learns it at its next heartbeat (the lease-renewal interval, 10 s by default). Use it before upgrading or stopping a node; resume with /resume.");
        workers.MapPost("/{name}/resume", ResumeAsync)
            .WithName("ResumeWorker").WithSummary("Let a drained worker claim work again");
        return routes;
    }

    private static async Task<Ok<WorkerListView>> ListAsync(WorkerService workers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workers.ListAsync(cancellationToken));

    private static async Task<Ok<WorkerView>> DrainAsync(string name, WorkerService workers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workers.DrainAsync(name, cancellationToken));

    private static async Task<Ok<WorkerView>> ResumeAsync(string name, WorkerService workers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workers.ResumeAsync(name, cancellationToken));
}
