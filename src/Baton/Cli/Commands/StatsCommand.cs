using System.CommandLine;
using System.Globalization;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Webhooks;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton stats [--since 7d] [--by agent|workflow|runner|day] [--json]</c>: how the tasks that ended in a window went,
/// in total and by group, and the most common failure modes; read from the store, as GET /api/v1/stats gives it.
/// </summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var since = new Option<string>("--since") { Description = "The window, back from now: a duration such as 24h, 7d or 30d (at most 366d)", HelpName = "DURATION", DefaultValueFactory = _ => "7d" };
        since.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (DurationText.TryParse(text) is not { } window || window <= TimeSpan.Zero || window > StatsService.MaxWindow)
            {
                result.AddError($"--since takes a duration from 1s to 366d, such as 24h, 7d or 30d, not '{text}'");
            }
        });
        var by = new Option<string?>("--by") { Description = $"Split by {string.Join(", ", StatsService.Groupings)} (day: UTC)", HelpName = "GROUPING" };
        by.AcceptOnlyFromAmong([.. StatsService.Groupings]);
        var json = CommandAction.JsonOption();
        var command = new Command("stats", "How tasks that ended recently went: count, success rate, p50/p95 duration and queue wait, retries, tokens, cost, failure modes")
        {
            since, by, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var stats = await runtime.Stats.GetAsync(DurationText.TryParse(r.GetValue(since))!.Value, StatsService.ParseGrouping(r.GetValue(by)), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(stats, ViewJsonContext.Default.StatsView);
            }
            else
            {
                Print(stats);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(StatsView stats)
    {
        AnsiConsole.MarkupLine($"[grey]Tasks that ended since {stats.Since.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}[/]");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn(stats.By?.ToUpperInvariant() ?? "").NoWrap());
        foreach (var heading in new[] { "RUNS", "OK", "FAILED", "CANCELLED", "SUCCESS", "P50", "P95", "WAIT P50", "WAIT P95", "RETRIES", "TOKENS IN/OUT", "COST" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var group in stats.Groups)
        {
            table.AddRow(Row(Markup.Escape(group.Key ?? "(none)"), group));
        }

        table.AddRow(Row("[bold]total[/]", stats.Total));
        AnsiConsole.Write(table);
        if (stats.FailureModes.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No failures.[/]");
            return;
        }

        var failures = new Table().Border(TableBorder.Simple).Title("Failure modes")
            .AddColumn("KIND").AddColumn(new TableColumn("COUNT").RightAligned()).AddColumn("EXAMPLE TASK").AddColumn("ERROR");
        foreach (var mode in stats.FailureModes)
        {
            failures.AddRow(Markup.Escape(mode.Kind), $"{mode.Count}", Markup.Escape(mode.ExampleTaskId), Markup.Escape(mode.ExampleError ?? "-"));
        }

        AnsiConsole.Write(failures);
    }

    private static string[] Row(string label, StatsGroupView g) =>
    [
        label, $"{g.Runs}", $"{g.Succeeded}", $"{g.Failed}", $"{g.Cancelled}",
        g.SuccessRate is { } rate ? (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "-",
        Duration(g.DurationMs.P50), Duration(g.DurationMs.P95), Duration(g.QueueWaitMs.P50), Duration(g.QueueWaitMs.P95), $"{g.Retries}",
        $"{g.Tokens.Input.ToString("N0", CultureInfo.InvariantCulture)}/{g.Tokens.Output.ToString("N0", CultureInfo.InvariantCulture)}",
        g.CostUsd.ToString("$0.00##", CultureInfo.InvariantCulture),
    ];

    private static string Duration(long? ms) => ms switch
    {
        null => "-",
        < 1000 => $"{ms} ms",
        < 120_000 => (ms.Value / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " s",
        < 7_200_000 => (ms.Value / 60_000.0).ToString("0.#", CultureInfo.InvariantCulture) + " m",
        _ => (ms.Value / 3_600_000.0).ToString("0.#", CultureInfo.InvariantCulture) + " h",
    };
}
