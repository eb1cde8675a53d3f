using System.CommandLine;
using System.Globalization;
using Baton.Core.Application.Views;
using Baton.Core.Notifications;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton notifications [--workflow ID] [--all] [--limit N] [--peek] [--json]</c>: your notifications, newest first;
/// those shown are marked delivered unless <c>--peek</c>. They are yours from every interface (CLI and MCP).
/// </summary>
internal static class NotificationsCommand
{
    public static Command Create()
    {
        var workflow = new Option<string?>("--workflow") { Description = "Only this workflow's notifications (id or unique prefix)", HelpName = "WORKFLOW_ID" };
        var all = new Option<bool>("--all") { Description = "Also those shown before, not only unread ones" };
        var limit = new Option<int>("--limit")
        {
            Description = $"At most this many, newest first (1 to {NotificationLimits.MaxLimit})",
            DefaultValueFactory = _ => NotificationLimits.DefaultLimit,
        };
        var peek = new Option<bool>("--peek") { Description = "Do not mark them delivered" };
        var json = CommandAction.JsonOption();
        var command = new Command(
            "notifications",
            "Show your notifications (tasks and phases that ended or started, milestones), newest first; shown ones are marked delivered unless --peek")
        {
            workflow, all, limit, peek, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var found = await CliNotifications.Create(runtime)
                .TakeAsync(CliNotifications.Audience, r.GetValue(workflow), !r.GetValue(all), r.GetValue(limit), r.GetValue(peek), ct);
            var views = found.Select(NotificationView.Of).ToList();
            if (r.GetValue(json))
            {
                CliOutput.Json(new NotificationListView(views, views.Count), ViewJsonContext.Default.NotificationListView);
            }
            else
            {
                Print(views, r.GetValue(all));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<NotificationView> notifications, bool all)
    {
        if (notifications.Count == 0)
        {
            AnsiConsole.MarkupLine(all ? "[grey]No notifications.[/]" : "[grey]No unread notifications ('--all' shows earlier ones).[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("TIME").NoWrap()).AddColumn(new TableColumn("TYPE").NoWrap()).AddColumn("MESSAGE");
        foreach (var notification in notifications)
        {
            var type = notification.Type switch
            {
                "task_failure" => "[red]task_failure[/]",
                "task_complete" or "phase_complete" => $"[green]{notification.Type}[/]",
                "input_required" => "[yellow]input_required[/]",
                _ => notification.Type,
            };
            table.AddRow(notification.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), type, Markup.Escape(notification.Message));
        }

        AnsiConsole.Write(table);
    }
}
