using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Application.Views;
using Baton.Core.Notifications;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Baton.Mcp.Tools;

/// <summary>
/// <c>get_notifications</c>: the caller's notifications (tasks and phases that ended or started, milestones), newest
/// first; those returned are marked delivered unless <c>peek</c>. Not a write tool: marking is the caller's own
/// reading, so read-only tokens may use it.
/// </summary>
internal sealed class GetNotificationsTool(McpBackend backend, ILogger logger) : BatonTool(backend, Definition, writes: false, logger)
{
    public const string ToolName = "get_notifications";

    private static readonly Tool Definition = ToolSchema.Tool(
        ToolName,
        "Your notifications (task and phase ends, milestones), newest first; returned ones are marked read unless peek.",
        new JsonObject
        {
            ["workflow_id"] = ToolSchema.String("Only this workflow's", 64),
            ["unread_only"] = ToolSchema.Boolean("Only unread ones; default true"),
            ["limit"] = ToolSchema.Integer($"How many at most; default {NotificationLimits.DefaultLimit}", 1, NotificationLimits.MaxLimit),
            ["peek"] = ToolSchema.Boolean("Do not mark them read; default false"),
        },
        [],
        new ToolAnnotations { Title = "Get notifications", ReadOnlyHint = false, DestructiveHint = false, IdempotentHint = false, OpenWorldHint = false });

    protected override async Task<CallToolResult> RunAsync(ToolArguments arguments, McpCaller caller, McpServices services, CancellationToken cancellationToken)
    {
        var workflowId = arguments.String("workflow_id", 64);
        var unreadOnly = arguments.Boolean("unread_only") ?? true;
        var limit = arguments.Integer("limit", 1, NotificationLimits.MaxLimit) ?? NotificationLimits.DefaultLimit;
        var peek = arguments.Boolean("peek") ?? false;
        var audience = NotificationAudience.For(caller.Name, Environment.UserName);
        var found = await services.Notifications.TakeAsync(audience, workflowId, unreadOnly, limit, peek, cancellationToken);
        var views = found.Select(NotificationView.Of).ToList();
        var text = new StringBuilder(views.Count == 0
            ? unreadOnly ? "No unread notifications." : "No notifications."
            : $"{ToolTexts.Count(views.Count, "notification")}, newest first{(peek ? " (peek: not marked read)" : string.Empty)}:");
        foreach (var view in views)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"[{view.Type}] {view.CreatedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} {view.Message}");
        }

        return ToolResults.Success(text.ToString(), new NotificationListView(views, views.Count), ViewJsonContext.Default.NotificationListView);
    }
}
