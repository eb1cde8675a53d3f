using System.CommandLine;
using System.Globalization;
using Baton.Core.Application.Views;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton workers [--json]</c>: the nodes that share the store, with their state (active, draining, gone).</summary>
internal static class WorkersCommand
{
    public static Command Create()
    {
        var json = CommandAction.JsonOption();
        var command = new Command("workers", "List the worker nodes: name, host, version, slots, running attempts, last heartbeat, state, labels") { json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var list = await runtime.Workers.ListAsync(ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(list, ViewJsonContext.Default.WorkerListView);
            }
            else
            {
                Print(list.Workers);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<WorkerView> workers)
    {
        if (workers.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No workers yet; 'baton serve' or 'baton worker' starts one.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("NAME").NoWrap()).AddColumn("HOST").AddColumn("VERSION").AddColumn(new TableColumn("SLOTS").RightAligned())
            .AddColumn(new TableColumn("RUNNING").RightAligned()).AddColumn(new TableColumn("LAST HEARTBEAT").NoWrap()).AddColumn("STATE").AddColumn("LABELS");
        foreach (var w in workers)
        {
            var state = w.State switch
            {
                "active" => "[green]active[/]",
                "draining" => w.DrainedAt is null ? "[yellow]draining[/]" : "[yellow]draining (drained)[/]",
                _ => "[grey]gone[/]",
            };
            table.AddRow(Markup.Escape(w.Name), Markup.Escape(w.Host), Markup.Escape(w.Version), $"{w.Slots}", $"{w.RunningAttempts}",
                w.LastHeartbeat.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), state,
                Markup.Escape(w.Labels.Count == 0 ? "-" : string.Join(", ", w.Labels)));
        }

        AnsiConsole.Write(table);
    }
}
