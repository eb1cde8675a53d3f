using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Api;
using Baton.Configuration;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Logs;
using Baton.Core.Shares;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Baton.Shares;

/// <summary>
/// What a share link shows, with no other credential: <c>GET /api/v1/shared/{token}</c> gives the shared task (its
/// GET /tasks/{id} body and its transcript) or workflow (its GET /workflows/{id} and /tasks bodies), and
/// <c>GET /api/v1/shared/{token}/tasks/{task_id}</c> one task of a shared workflow. Only reading: the link opens
/// nothing else. An invalid link is 404, an expired or revoked one 410.
/// </summary>
internal static class SharedApi
{
    /// <summary>The most transcript text a shared task carries (its end, where a long one is cut).</summary>
    private const int MaxLogChars = 1024 * 1024;

    public static IEndpointRouteBuilder MapSharedApi(this IEndpointRouteBuilder routes)
    {
        var shared = routes.MapGroup("/api/v1/shared/{token}").WithTags("Shares").WithApiProblems();
        shared.MapGet("", GetAsync).WithName("GetShared").WithSummary("What a share link shows (the link is the credential)")
            .ProducesProblem(StatusCodes.Status410Gone);
        shared.MapGet("/tasks/{task_id}", GetTaskAsync).WithName("GetSharedTask").WithSummary("One task of a shared workflow")
            .ProducesProblem(StatusCodes.Status410Gone);
        return routes;
    }

    private static async Task<IResult> GetAsync(string token, HttpContext context, ShareService shares, CancellationToken cancellationToken)
    {
        var share = await CheckAsync(shares, token, cancellationToken);
        var services = context.RequestServices;
        if (share.TargetKind == ShareTarget.Task)
        {
            return await TaskAsync(share, share.TargetId, services, cancellationToken);
        }

        var details = await Get<WorkflowService>(services).GetAsync(share.TargetId, cancellationToken);
        var json = Options(services);
        return Json(new JsonObject
        {
            ["share"] = ShareNode(share),
            ["workflow"] = JsonSerializer.SerializeToNode(WorkflowViews.Of(details), json.GetTypeInfo(typeof(WorkflowView))),
            ["tasks"] = JsonSerializer.SerializeToNode(WorkflowsApi.TasksViewOf(details), json.GetTypeInfo(typeof(WorkflowTasksView))),
        });
    }

    private static async Task<IResult> GetTaskAsync(string token, [FromRoute(Name = "task_id")] string taskId, HttpContext context, ShareService shares, CancellationToken cancellationToken)
    {
        var share = await CheckAsync(shares, token, cancellationToken);
        var services = context.RequestServices;
        var details = await Get<TaskService>(services).GetAsync(ApiIds.Task(taskId), cancellationToken);
        var shown = share.TargetKind == ShareTarget.Task ? details.Task.Id == share.TargetId : details.Task.Definition.WorkflowId == share.TargetId;
        if (!shown)
        {
            // Said the same way as a task that does not exist: the link reveals nothing beyond what it shares.
            throw BatonException.NotFound($"this share link shows no task {taskId}");
        }

        return await TaskAsync(share, details.Task.Id, services, cancellationToken);
    }

    private static async Task<IResult> TaskAsync(ShareRecord share, string taskId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var details = await Get<TaskService>(services).GetAsync(taskId, cancellationToken);
        var view = await TasksApi.ViewAsync(details, Get<InteractionService>(services), Get<TimeProvider>(services), cancellationToken);
        return Json(new JsonObject
        {
            ["share"] = ShareNode(share),
            ["task"] = JsonSerializer.SerializeToNode(view, Options(services).GetTypeInfo(typeof(TaskView))),
            ["logs"] = await TranscriptAsync(details, Get<AttemptLogReader>(services), Get<BatonSettings>(services), cancellationToken),
        });
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

    /// <summary>The latest attempt's transcript as <c>baton task logs</c> shows it (the raw log for commands), its end if long.</summary>
    private static async Task<string> TranscriptAsync(TaskDetails details, AttemptLogReader logs, BatonSettings settings, CancellationToken cancellationToken)
    {
        var (task, attempts) = (details.Task, details.Attempts);
        if (attempts.Count == 0)
        {
            return string.Empty;
        }

        var chosen = attempts[^1];
        var path = chosen.LogPath ?? Path.Combine(settings.LogDirectory, task.Id, $"{chosen.Key.Number}.log");
        if (logs.Open(chosen.Key, path) is not { } input)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        if (LogText.Renderer(task.Definition.Runner) is { } render)
        {
            await LogText.WriteTranscriptAsync(input, task.Definition.WorkingDirectory, render, buffer, cancellationToken);
        }
        else
        {
            await using (input)
            {
                await input.CopyToAsync(buffer, cancellationToken);
            }
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return text.Length <= MaxLogChars ? text : "[earlier output cut]\n" + text[^MaxLogChars..];
    }

    private static JsonObject ShareNode(ShareRecord share) => new()
    {
        ["id"] = share.Id,
        ["expires_at"] = share.ExpiresAt,
        ["target_kind"] = share.TargetKind.ToWire(),
    };

    private static IResult Json(JsonObject body) => TypedResults.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static JsonSerializerOptions Options(IServiceProvider services) => Get<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>(services).Value.SerializerOptions;

    private static T Get<T>(IServiceProvider services) where T : notnull => (T)services.GetService(typeof(T))!;
}
