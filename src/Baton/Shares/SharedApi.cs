using Baton.Api;
using Baton.Core.Errors;
using Baton.Core.Shares;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Shares;

/// <summary>
/// What a share link shows, with no other credential: <c>GET /api/v1/shared/{token}</c> gives the shared task (its
/// GET /tasks/{id} body and its transcript) or workflow (its GET /workflows/{id} and /tasks bodies), and
/// <c>GET /api/v1/shared/{token}/tasks/{task_id}</c> one task of a shared workflow. Only reading: the link opens
/// nothing else. An invalid link is 404, an expired or revoked one 410.
/// </summary>
internal static class SharedApi
{
    public static IEndpointRouteBuilder MapSharedApi(this IEndpointRouteBuilder routes)
    {
        var shared = routes.MapGroup("/api/v1/shared/{token}").WithTags("Shares").WithApiProblems();
        shared.MapGet("", GetAsync).WithName("GetShared").WithSummary("What a share link shows (the link is the credential)")
            .ProducesProblem(StatusCodes.Status410Gone);
        shared.MapGet("/tasks/{task_id}", GetTaskAsync).WithName("GetSharedTask").WithSummary("One task of a shared workflow")
            .ProducesProblem(StatusCodes.Status410Gone);
        return routes;
    }

    private static async Task<IResult> GetAsync(string token, ShareService shares, SharedViews views, CancellationToken cancellationToken)
    {
        var share = await CheckAsync(shares, token, cancellationToken);
        var body = share.TargetKind == ShareTarget.Task
            ? await views.TaskAsync(share, share.TargetId, cancellationToken)
            : await views.WorkflowAsync(share, cancellationToken);
        return TypedResults.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> GetTaskAsync(
        string token, [FromRoute(Name = "task_id")] string taskId, ShareService shares, SharedViews views, CancellationToken cancellationToken)
    {
        var share = await CheckAsync(shares, token, cancellationToken);
        var body = await views.TaskAsync(share, ApiIds.Task(taskId), cancellationToken);
        return TypedResults.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    private static async Task<ShareRecord> CheckAsync(ShareService shares, string token, CancellationToken cancellationToken)
    {
        var check = await shares.CheckAsync(token, cancellationToken);
        return check.Outcome switch
        {
            ShareCheckOutcome.Valid => check.Share!,
            ShareCheckOutcome.Expired => throw new ApiInputException("this share link expired; ask whoever shared it for a new one", null, StatusCodes.Status410Gone),
            ShareCheckOutcome.Revoked => throw new ApiInputException("this share link was revoked; ask whoever shared it for a new one", null, StatusCodes.Status410Gone),
            _ => throw BatonException.NotFound("this share link is not valid (mistyped, cut short, or made by another Baton); check the whole link was copied"),
        };
    }
}
