using System.Globalization;
using Baton.Core.Sessions;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>How sessions read on a terminal: times in local time, tokens and cost in short form, the capsule as a block.</summary>
internal static class SessionPrinter
{
    public static void Show(SessionView s)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]Session[/]", Markup.Escape(s.Id));
        grid.AddRow("Runner", Markup.Escape(s.Runner));
        grid.AddRow("Agent", Markup.Escape(s.Agent));
        grid.AddRow("Working directory", Markup.Escape(s.WorkingDirectory));
        if (s.WorktreeBranch is { } branch)
        {
            grid.AddRow("Worktree branch", Markup.Escape(branch));
        }

        grid.AddRow("Tasks", Markup.Escape(Tasks(s)));
        grid.AddRow("Tokens", $"{Tokens(s)} (in {s.InputTokens.ToString("N0", CultureInfo.InvariantCulture)}, out {s.OutputTokens.ToString("N0", CultureInfo.InvariantCulture)}, cache read {s.CacheReadTokens.ToString("N0", CultureInfo.InvariantCulture)}, cache write {s.CacheWriteTokens.ToString("N0", CultureInfo.InvariantCulture)})");
        grid.AddRow("Cost", Cost(s.CostUsd, s.CostEstimated));
        grid.AddRow("Activity", $"{Time(s.FirstActivity)} .. {Time(s.LastActivity)}");
        AnsiConsole.Write(grid);

        if (s.Attempts is { Count: > 0 } attempts)
        {
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn(new TableColumn("TASK").NoWrap()).AddColumn("NAME").AddColumn(new TableColumn("ATTEMPT").RightAligned()).AddColumn("STATUS")
                .AddColumn(new TableColumn("STARTED").NoWrap()).AddColumn(new TableColumn("TOKENS").RightAligned()).AddColumn(new TableColumn("COST").RightAligned());
            foreach (var a in attempts)
            {
                table.AddRow(Markup.Escape(a.TaskId), Markup.Escape(a.TaskName), $"{a.Number}", Markup.Escape(a.Status), Time(a.StartedAt),
                    (a.InputTokens + a.OutputTokens).ToString("N0", CultureInfo.InvariantCulture), Cost(a.CostUsd, a.CostEstimated));
            }

            AnsiConsole.Write(table);
        }

        if (s.LatestCapsule is { } capsule)
        {
            Console.Out.WriteLine();
            Console.Out.Write(CapsuleText.Render(new CapsuleRecord(
                capsule.Id, capsule.TaskId, capsule.AttemptNumber, capsule.SessionId, capsule.WorkflowId, capsule.Agent, capsule.CreatedAt, capsule.Capsule)));
        }
        else
        {
            AnsiConsole.MarkupLine("[grey]No capsule saved in this session yet (agents save one with the context_save tool).[/]");
        }
    }

    public static string Tasks(SessionView s) => string.Join(", ", s.Tasks.Select(t => t.Attempts.Count == 1 ? t.TaskId : $"{t.TaskId} ×{t.Attempts.Count}"));

    public static string Tokens(SessionView s) => (s.InputTokens + s.OutputTokens).ToString("N0", CultureInfo.InvariantCulture);

    public static string Cost(decimal? usd, bool? estimated) =>
        usd is { } c ? "$" + c.ToString("0.0000", CultureInfo.InvariantCulture) + (estimated == true ? " (estimated)" : string.Empty) : "-";

    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
