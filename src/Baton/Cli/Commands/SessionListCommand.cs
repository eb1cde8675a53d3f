using System.CommandLine;
using Baton.Core.Sessions;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary><c>baton session list [--agent NAME] [--task ID] [--limit N] [--json]</c>: sessions, the latest activity first.</summary>
internal static class SessionListCommand
{
    public static Command Create()
    {
        var agent = new Option<string?>("--agent") { Description = "Only sessions of this agent (or runner, for tasks without an agent)", HelpName = "NAME" };
        var task = new Option<string?>("--task") { Description = "Only sessions this task used (id or unique prefix)", HelpName = "ID" };
        var limit = new Option<int>("--limit") { Description = "At most this many sessions", DefaultValueFactory = _ => SessionQuery.DefaultLimit };
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List agent sessions, the latest activity first: runner, agent, where, tasks, tokens, cost, latest capsule") { agent, task, limit, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var list = await runtime.Sessions.ListAsync(new SessionQuery(r.GetValue(agent), r.GetValue(task), r.GetValue(limit)), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(list, SessionViewJsonContext.Default.SessionListView);
            }
            else
            {
                Print(list.Sessions);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IReadOnlyList<SessionView> sessions)
    {
        if (sessions.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No sessions yet: agent tasks (claude, codex, gemini) record theirs as they run.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("SESSION").NoWrap()).AddColumn("RUNNER").AddColumn("AGENT").AddColumn("TASKS")
            .AddColumn(new TableColumn("ATTEMPTS").RightAligned()).AddColumn(new TableColumn("TOKENS").RightAligned()).AddColumn(new TableColumn("COST").RightAligned())
            .AddColumn(new TableColumn("LAST ACTIVITY").NoWrap()).AddColumn("CAPSULE");
        foreach (var s in sessions)
        {
            table.AddRow(Markup.Escape(s.Id), Markup.Escape(s.Runner), Markup.Escape(s.Agent), Markup.Escape(SessionPrinter.Tasks(s)), $"{s.AttemptCount}",
                SessionPrinter.Tokens(s), SessionPrinter.Cost(s.CostUsd, s.CostEstimated), SessionPrinter.Time(s.LastActivity),
                s.LatestCapsule is { } capsule ? Markup.Escape(SessionPrinter.Shorten(capsule.Capsule.CurrentTask, 40)) : "[grey]-[/]");
        }

        AnsiConsole.Write(table);
    }
}
