using System.Globalization;
using Baton.Core.Application;
using Baton.Core.Application.Views;
using Baton.Core.Attempts;
using Baton.Core.Interactions;
using Baton.Core.Tasks;
using Spectre.Console;

namespace Baton.Cli.Output;

/// <summary>Human-readable task output: a field grid for one task, tables for lists and attempts.</summary>
internal static class TaskPrinter
{
    public static void PrintDetails(TaskDetails details, DateTimeOffset now, InteractionView? waitingFor = null)
    {
        var task = details.Task;
        var d = task.Definition;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Row(grid, "id", task.Id);
        Row(grid, "name", d.Name);
        Row(grid, "status", Status(task.Status)
            + (WorkerLiveness.IsGone(task, details.Attempts, now) ? $" [yellow]({WorkerLiveness.GoneNote})[/]" : string.Empty)
            + (task.CancelRequested && !task.Status.IsTerminal() ? " [yellow](cancel requested)[/]" : string.Empty)
            + (Refused(task) is { } refused ? $" [yellow]· {Markup.Escape(refused)}[/]" : string.Empty)
            + (task.PauseRequested && !task.Status.IsTerminal() ? " [yellow](pause requested)[/]" : string.Empty)
            + (!task.Status.IsTerminal() && task.Notice is { } waiting ? $" [yellow]· {Markup.Escape(waiting)}[/]" : string.Empty));
        if (task.PauseReason is { } pauseReason && (task.Status == TaskState.Paused || task.PauseRequested))
        {
            Row(grid, "paused because", pauseReason);
        }

        if (waitingFor is not null)
        {
            InteractionPrinter.Rows(grid, waitingFor);
        }

        Row(grid, "priority", d.Priority.ToWire());
        if (d.WorkflowId is { } workflowId)
        {
            Row(grid, "workflow", $"{workflowId}, phase {d.PhaseId}");
        }

        if (d.DependsOn.Count > 0 || task.Blocked)
        {
            Row(grid, "depends on", (d.DependsOn.Count > 0 ? string.Join(", ", d.DependsOn) : "its phase's upstream phases")
                + (task.Blocked && task.Status == TaskState.Pending ? " (waiting for them)" : string.Empty));
        }
        if (d.Program is not null)
        {
            Row(grid, "command", Markup.Escape(string.Join(' ', new[] { d.Program }.Concat(d.Arguments.Select(Quote)))), escape: false);
        }
        else
        {
            AgentRows(grid, Views.Of(task, details.Attempts), d.Instructions);
        }

        Row(grid, "directory", d.WorkingDirectory);
        if (d.Worktree)
        {
            Row(grid, "branch", Baton.Core.Worktrees.GitWorktrees.BranchFor(task.Id, d) + (d.WorktreeBranch is not null ? " (shared worktree)" : d.KeepWorktree ? " (worktree kept)" : " (own worktree)"));
        }

        if (d.Tags.Count > 0)
        {
            Row(grid, "tags", string.Join(", ", d.Tags));
        }

        if (d.RequiresLabels.Count > 0)
        {
            Row(grid, "requires", string.Join(", ", d.RequiresLabels));
        }

        foreach (var (key, value) in d.Metadata)
        {
            Row(grid, $"meta.{key}", value);
        }

        Row(grid, "retries", $"{task.FailureCount} of {d.MaxRetries} used ({d.RetryBackoff.ToWire()} backoff)");
        if (d.TimeoutSeconds is { } timeout)
        {
            Row(grid, "timeout", $"{timeout} s (not counting time waiting for a person)");
        }

        if (d.BudgetUsd is { } budget)
        {
            Row(grid, "budget", string.Create(CultureInfo.InvariantCulture, $"${budget:0.00}"));
        }

        if (d.InputTimeoutSeconds is { } inputTimeout)
        {
            Row(grid, "input timeout", $"{inputTimeout} s, then {(d.OnInputTimeout ?? Core.Interactions.InputTimeoutAction.Deny).ToWire()}");
        }

        Row(grid, "created", Time(task.CreatedAt));
        if (task.Status is TaskState.Pending or TaskState.Retrying && task.DueAt > now)
        {
            Row(grid, "next attempt", $"{Time(task.DueAt)} (in {Duration(task.DueAt - now)})");
        }

        if (task.StartedAt is { } started)
        {
            Row(grid, "started", Time(started));
        }

        if (task.CompletedAt is { } completed)
        {
            Row(grid, "ended", $"{Time(completed)} (after {Duration(completed - (task.StartedAt ?? task.CreatedAt))})");
        }

        if (task.Error is { } error)
        {
            Row(grid, "error", Clip(error));
        }

        if (task.Result is { } result)
        {
            Row(grid, "result", Clip(result));
        }

        AnsiConsole.Write(grid);
        if (details.Attempts.Count > 0)
        {
            AnsiConsole.Write(AttemptTable(details.Attempts, now));
        }
    }

    private static void AgentRows(Grid grid, TaskView view, string? prompt)
    {
        Row(grid, "agent", $"{view.AgentName ?? "(none)"} via {view.Runner}" + (view.Model is { } model ? $", model {model}" : string.Empty));
        Row(grid, "prompt", Clip(prompt ?? string.Empty, 200));
        if (view.Progress is { } progress)
        {
            Row(grid, "step", progress.CurrentStep ?? "(starting)");
            Row(grid, "turns", progress.Turns?.ToString(CultureInfo.InvariantCulture) ?? "0");
            if (progress.ApiRetries is > 0)
            {
                Row(grid, "api retries", $"[yellow]{progress.ApiRetries}[/] (the agent is retrying the model API)", escape: false);
            }
        }

        if (view.SessionId is { } session)
        {
            Row(grid, "session", session);
        }

        if (view.Tokens is { } tokens)
        {
            Row(grid, "tokens", $"{tokens.Input:N0} in, {tokens.Output:N0} out, {tokens.CacheRead:N0} cache read, {tokens.CacheWrite:N0} cache write");
        }

        var last = view.Attempts?.LastOrDefault(a => a.Agent is not null)?.Agent;
        if (last is { FilesChanged.Count: > 0 })
        {
            Row(grid, "files changed", string.Join(", ", last.FilesChanged.Take(10)) + (last.FilesChanged.Count > 10 ? $" (+{last.FilesChanged.Count - 10} more)" : string.Empty));
        }

        if (last is { Commits.Count: > 0 })
        {
            Row(grid, "commits", string.Join("; ", last.Commits.Take(5)) + (last.Commits.Count > 5 ? $" (+{last.Commits.Count - 5} more)" : string.Empty));
        }

        if (view.CostUsd is { } cost)
        {
            Row(grid, "cost", $"${cost:0.0000}" + (view.CostEstimated == true ? " (estimated)" : string.Empty));
        }
    }

    /// <summary>The tasks as a table; <paramref name="workerGone"/> are running tasks whose worker died.</summary>
    public static void PrintList(IReadOnlyList<TaskRecord> tasks, DateTimeOffset now, IReadOnlySet<string>? workerGone = null)
    {
        if (tasks.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No tasks match.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("ID").NoWrap()).AddColumn("NAME").AddColumn("STATUS").AddColumn("PRIORITY").AddColumn("ATTEMPTS")
            .AddColumn(new TableColumn("CREATED").NoWrap()).AddColumn("TIME");
        foreach (var task in tasks)
        {
            var end = task.CompletedAt ?? now;
            var time = task.StartedAt is { } started ? Duration(end - started) : "-";
            var status = Status(task.Status)
                + (workerGone?.Contains(task.Id) == true ? $" [yellow]({WorkerLiveness.GoneNote})[/]" : string.Empty)
                + (Refused(task) is not null ? $" [yellow]· {task.PermissionDenials.Count} refused[/]" : string.Empty);
            table.AddRow(task.Id, Markup.Escape(Clip(task.Definition.Name, 40)), status, task.Definition.Priority.ToWire(),
                task.AttemptCount.ToString(CultureInfo.InvariantCulture), Time(task.CreatedAt), time);
        }

        AnsiConsole.Write(table);
    }

    private static Table AttemptTable(IReadOnlyList<AttemptRecord> attempts, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Simple).Title("attempts")
            .AddColumn("#").AddColumn("STATUS").AddColumn("EXIT").AddColumn("STARTED").AddColumn("TIME").AddColumn("ERROR");
        foreach (var a in attempts)
        {
            var exit = a.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? (a.Signal is { } s ? $"signal {s}" : "-");
            table.AddRow(a.Key.Number.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.Status.ToWire()), exit, Time(a.StartedAt),
                Duration((a.EndedAt ?? now) - a.StartedAt), Markup.Escape(Clip(a.Error ?? string.Empty, 60)));
        }

        return table;
    }

    /// <summary>
    /// For an ended task whose agent had tool calls refused: the line that says so ("1 tool call refused: Bash `...`"),
    /// so that a "completed" that did not do what was asked is never read as a clean success.
    /// </summary>
    public static string? Refused(TaskRecord task) =>
        task.Status.IsTerminal() ? task.Notice ?? Baton.Core.Runners.Agents.PermissionDenials.Describe(task.PermissionDenials) : null;

    private static void Row(Grid grid, string label, string value, bool escape = true) =>
        grid.AddRow(new Markup($"[grey]{label}[/]"), new Markup(escape && !value.StartsWith('[') ? Markup.Escape(value) : value));

    private static string Status(TaskState state)
    {
        var color = state switch
        {
            TaskState.Completed => "green",
            TaskState.Failed or TaskState.TimedOut => "red",
            TaskState.Cancelled => "grey",
            TaskState.Running => "blue",
            TaskState.Retrying or TaskState.InputRequired or TaskState.Paused => "yellow",
            _ => "default",
        };
        return $"[{color}]{state.ToWire()}[/]";
    }

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'" : arg;

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => Core.Text.Durations.Short(span);

    private static string Clip(string text, int max = 2000)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length <= max ? trimmed : trimmed[..max] + " ...";
    }
}
