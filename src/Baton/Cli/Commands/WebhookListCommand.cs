using System.CommandLine;
using System.Globalization;
using Baton.Core.Application.Views;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton webhook list</c>: webhooks with their URL, events, filter and state; never a secret.</summary>
internal static class WebhookListCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Include the webhooks of single tasks (their webhook_url)" };
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List webhooks: id, URL, events, workflow or task filter, disabled state (never the secret)") { all, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var (webhooks, _) = await WebhookCommand.OpenAsync(ct);
            var now = TimeProvider.System.GetUtcNow();
            var views = (await webhooks.ListAsync(r.GetValue(all), ct)).Select(w => WebhookView.Of(w, now)).ToList();
            if (r.GetValue(json))
            {
                CliOutput.Json(views, ViewJsonContext.Default.ListWebhookView);
            }
            else
            {
                Print(views);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<WebhookView> webhooks)
    {
        if (webhooks.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No webhooks; add one with 'baton webhook add URL'.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("ID").NoWrap()).AddColumn("URL").AddColumn("EVENTS").AddColumn("FILTER").AddColumn("STATE")
            .AddColumn(new TableColumn("CREATED").NoWrap());
        foreach (var webhook in webhooks)
        {
            var filter = webhook.TaskId is { } task ? $"task {task}" : webhook.WorkflowId is { } workflow ? $"workflow {workflow}" : "-";
            var state = webhook.Disabled ? $"[red]disabled[/] {Markup.Escape(webhook.DisabledReason ?? string.Empty)}" : "[green]active[/]";
            if (webhook.PreviousSecretExpiresAt is { } until)
            {
                state += $" (rotating until {Time(until)})";
            }

            table.AddRow(webhook.WebhookId, Markup.Escape(webhook.Url), Markup.Escape(string.Join(", ", webhook.Events)), filter, state, Time(webhook.CreatedAt));
        }

        AnsiConsole.Write(table);
    }

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
