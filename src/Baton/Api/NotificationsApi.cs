using Baton.Core.Application.Views;
using Baton.Core.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Baton.Api;

/// <summary>
/// Notifications under /api/v1/notifications — <c>GET</c> reads without marking (safe to repeat), <c>POST .../take</c>
/// reads and marks delivered — and <c>POST /api/v1/milestones</c>. A caller sees its own notifications: a token's, or
/// on an open loopback daemon those of the daemon's user from every interface.
/// </summary>
internal static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var notifications = routes.MapGroup("/api/v1/notifications").WithTags("Notifications").WithApiProblems();
        notifications.MapGet("", ListAsync)
            .WithName("ListNotifications").WithSummary("Your notifications, newest first, without marking them")
            .WithDescription("Filters: workflow_id, unread_only (default true). limit: default 20, at most 100. Never marks anything delivered; use POST /api/v1/notifications/take for that.");
        notifications.MapPost("/take", TakeAsync).Accepts<NotificationTakeBody>("application/json")
            .WithName("TakeNotifications").WithSummary("Take your notifications: newest first, marked delivered in the same transaction")
            .WithDescription("Body (optional): workflow_id, unread_only (default true), limit (default 20, at most 100). Call again until it returns none to drain older ones.");
        routes.MapGroup("/api/v1/milestones").WithTags("Notifications").WithApiProblems()
            .MapPost("", MilestoneAsync).Accepts<MilestoneBody>("application/json")
            .WithName("CreateMilestone").WithSummary("Announce a milestone of a task or workflow")
            .WithDescription("Body: task_id or workflow_id, and message (at most 4 KiB). Its owner gets a milestone notification; hooks, webhooks and event streams see a milestone event.");
        return routes;
    }

    private static async Task<Ok<NotificationListView>> ListAsync(
        HttpContext context, NotificationService notifications,
        [FromQuery(Name = "workflow_id")] string? workflowId, [FromQuery(Name = "unread_only")] string? unreadOnly, [FromQuery] string? limit,
        CancellationToken cancellationToken)
    {
        var unread = unreadOnly is null || ApiQuery.Flag(unreadOnly, "unread_only");
        var count = ApiQuery.Integer(limit, "limit", 1, NotificationLimits.MaxLimit) ?? NotificationLimits.DefaultLimit;
        var found = await notifications.TakeAsync(Audience(context), workflowId, unread, count, peek: true, cancellationToken);
        return TypedResults.Ok(View(found));
    }

    private static async Task<Ok<NotificationListView>> TakeAsync(HttpContext context, NotificationService notifications, CancellationToken cancellationToken)
    {
        var body = context.Request.ContentLength == 0
            ? new NotificationTakeBody()
            : await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.NotificationTakeBody, cancellationToken);
        var limit = body.Limit ?? NotificationLimits.DefaultLimit;
        if (NotificationLimits.LimitProblem(limit) is { } problem)
        {
            throw new ApiInputException(problem, "limit", StatusCodes.Status422UnprocessableEntity);
        }

        var found = await notifications.TakeAsync(Audience(context), body.WorkflowId, body.UnreadOnly ?? true, limit, peek: false, cancellationToken);
        return TypedResults.Ok(View(found));
    }

    private static async Task<Created<EventView>> MilestoneAsync(HttpContext context, NotificationService notifications, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadAsync(context.Request, ApiJsonContext.Default.MilestoneBody, cancellationToken);
        if (NotificationLimits.MessageProblem(body.Message) is { } problem)
        {
            throw new ApiInputException(problem, "message", StatusCodes.Status422UnprocessableEntity);
        }

        if (body.TaskId is null && body.WorkflowId is null)
        {
            throw new ApiInputException("give task_id or workflow_id: the task or workflow that reached the milestone", "task_id", StatusCodes.Status422UnprocessableEntity);
        }

        var appended = await notifications.AnnounceMilestoneAsync(body.TaskId, body.WorkflowId, body.Message!, cancellationToken);
        return TypedResults.Created((string?)null, EventView.Of(appended));
    }

    /// <summary>Whose notifications: an open loopback request acts for the daemon's user.</summary>
    private static NotificationAudience Audience(HttpContext context) => NotificationAudience.For(ApiCaller.Name(context), Environment.UserName);

    private static NotificationListView View(IReadOnlyList<NotificationRecord> found) =>
        new([.. found.Select(NotificationView.Of)], found.Count);
}
