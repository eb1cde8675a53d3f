using Baton.Access;
using Baton.Api;
using Baton.Core.Application;
using Baton.Core.Shares;
using Baton.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Shares;

/// <summary>
/// Read-only share links under /api/v1/shares: make one for a task or a workflow (signed, expiring; the answer holds
/// its URL, once), list them, revoke one. Making and revoking are writes (write scope); the link itself opens only
/// the read route <c>GET /api/v1/shared/{token}</c> and the page <c>/share/{token}</c>.
/// </summary>
internal static class SharesApi
{
    private const int MaxListed = 1000;

    public static IEndpointRouteBuilder MapSharesApi(this IEndpointRouteBuilder routes)
    {
        var shares = routes.MapGroup("/api/v1/shares").WithTags("Shares").WithApiProblems();
        shares.MapPost("", CreateAsync).Accepts<ShareBody>("application/json")
            .WithName("CreateShare").WithSummary("Make a read-only link to a task or a workflow")
            .WithDescription("Body: task_id or workflow_id, and expires_in (like 30m, 24h, 7d; default 24h, at most 90d). The answer's url is shown only this once.");
        shares.MapGet("", ListAsync).WithName("ListShares").WithSummary("Share links, newest first (never their tokens)");
        shares.MapPost("/{share_id}/revoke", RevokeAsync).WithName("RevokeShare").WithSummary("Revoke a share link: it shows nothing from now on");
        return routes;
    }

    private static async Task<Created<CreatedShareView>> CreateAsync(
        HttpContext context, ShareService shares, TaskService tasks, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, DashboardJsonContext.Default.ShareBody, cancellationToken);
        var (kind, id) = (body.TaskId, body.WorkflowId) switch
        {
            ({ } task, null) => (ShareTarget.Task, (await tasks.GetAsync(ApiIds.Task(task), cancellationToken)).Task.Id),
            (null, { } workflow) => (ShareTarget.Workflow, (await workflows.GetAsync(ApiIds.Workflow(workflow), cancellationToken)).Contents.Workflow.Id),
            _ => throw new ApiInputException("give either task_id or workflow_id: a link shows one task or one workflow", null, StatusCodes.Status422UnprocessableEntity),
        };
        var created = await shares.CreateAsync(kind, id, body.ExpiresIn, Caller.Name(context), cancellationToken);
        var share = created.Share;
        var url = $"{context.Request.Scheme}://{context.Request.Host}/share/{created.Token}";
        return TypedResults.Created($"/api/v1/shares/{share.Id}", new CreatedShareView(
            share.Id, url, new ShareTargetView(share.TargetKind.ToWire(), share.TargetId), share.CreatedBy, share.CreatedAt, share.ExpiresAt));
    }

    private static async Task<Ok<SharePageView>> ListAsync(ShareService shares, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok(new SharePageView([.. (await shares.ListAsync(MaxListed, cancellationToken)).Select(s => ShareView.Of(s, now))]));
    }

    private static async Task<Ok<ShareView>> RevokeAsync([FromRoute(Name = "share_id")] string shareId, ShareService shares, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(ShareView.Of(await shares.RevokeAsync(shareId, cancellationToken), time.GetUtcNow()));
}
