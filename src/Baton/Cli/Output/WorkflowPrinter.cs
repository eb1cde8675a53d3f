using System.Globalization;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Spectre.Console;

namespace Baton.Cli.Output;

/// <summary>Human-readable workflow output: the workflow and its progress, then each phase with a table of its tasks.</summary>
internal static class WorkflowPrinter
{
    public static void PrintDetails(WorkflowView view, DateTimeOffset now)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Row(grid, "workflow", $"[bold]{Markup.Escape(view.Name)}[/]");
        Row(grid, "id", view.WorkflowId);
        Row(grid, "status", StatusStyle.Markup(view.Status) + $" [grey]({Markup.Escape(view.FailurePolicy)})[/]"
            + (view.PausedBy is { } pausedBy ? $" [grey]by {Markup.Escape(pausedBy)}; 'baton workflow resume {view.WorkflowId}' releases it[/]" : string.Empty));
        var progress = view.Progress;
        Row(grid, "progress", ProgressBar.Markup(progress.Completed, progress.Total, BarColor(view.Status), 30)
            + $"  [grey]{Markup.Escape(Counts(progress))}[/]");
        if (view.ElapsedSeconds is { } elapsed)
        {
            Row(grid, "elapsed", Escape(TaskPrinter.Duration(TimeSpan.FromSeconds(elapsed))));
        }

        if (progress.EstimatedTimeRemaining is { } remaining && !IsEnded(view.Status))
        {
            var at = progress.EstimatedCompletion is { } completion ? $" (about {completion.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture)})" : string.Empty;
            Row(grid, "remaining", Escape($"~{TaskPrinter.Duration(TimeSpan.FromSeconds(remaining))}{at}, from earlier runs of tasks with the same names"));
        }

        if (view.Tokens is { } tokens)
        {
            Row(grid, "tokens", Escape($"{tokens.Input:N0} in, {tokens.Output:N0} out, {tokens.CacheRead:N0} cache read, {tokens.CacheWrite:N0} cache write"));
        }

        if (view.CostUsd is { } cost)
        {
            Row(grid, "cost", Escape(string.Create(CultureInfo.InvariantCulture, $"${cost:0.0000}") + (view.CostEstimated == true ? " (estimated)" : string.Empty)));
        }

        if (view.BudgetUsd is { } budget)
        {
            Row(grid, "budget", Escape(string.Create(CultureInfo.InvariantCulture, $"${view.CostUsd ?? 0:0.00} spent of ${budget:0.00}")));
        }

        if (view.Error is { } error)
        {
            Row(grid, "error", $"[red]{Markup.Escape(error)}[/]");
        }

        if (view.Description.Length > 0)
        {
            Row(grid, "about", Escape(view.Description));
        }

        AnsiConsole.Write(grid);
        foreach (var phase in view.Phases)
        {
            AnsiConsole.WriteLine();
            PrintPhase(view.WorkflowId, phase, now);
        }

        if (view.Phases.Count == 0)
        {
            AnsiConsole.MarkupLine($"[grey]No phases yet; add one with 'baton workflow add-phase {view.WorkflowId} PHASE_ID'.[/]");
        }
    }

    public static void PrintList(IReadOnlyList<WorkflowListItemView> workflows)
    {
        if (workflows.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No workflows match.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("ID").NoWrap()).AddColumn("NAME").AddColumn("STATUS").AddColumn(new TableColumn("PROGRESS").NoWrap())
            .AddColumn("PHASES").AddColumn(new TableColumn("CREATED").NoWrap());
        foreach (var w in workflows)
        {
            table.AddRow(w.WorkflowId, Markup.Escape(Clip(w.Name, 40)), StatusStyle.Markup(w.Status),
                ProgressBar.Markup(w.Completed, w.Tasks, BarColor(w.Status), 10),
                w.Phases.ToString(CultureInfo.InvariantCulture), w.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>"3 phases", "1 task".</summary>
    public static string Count(int count, string noun) => Core.Text.Counts.Of(count, noun);

    private static void PrintPhase(string workflowId, PhaseView phase, DateTimeOffset now)
    {
        var completed = phase.Tasks.Count(t => t.Status == TaskState.Completed.ToWire());
        var title = $"[bold]{Markup.Escape(phase.PhaseId)}[/]" + (phase.Name != phase.PhaseId ? $" [grey]{Markup.Escape(phase.Name)}[/]" : string.Empty);
        var line = $"{title}  {StatusStyle.Markup(phase.Status)}  {ProgressBar.Markup(completed, phase.Tasks.Count, BarColor(phase.Status), 10)}";
        if (phase.StartedAt is { } started)
        {
            line += $"  [grey]{Markup.Escape(TaskPrinter.Duration((phase.CompletedAt ?? now) - started))}[/]";
        }

        if (phase.DependsOn.Count > 0)
        {
            line += $"  [grey]after {Markup.Escape(string.Join(", ", phase.DependsOn))}[/]";
        }

        line += phase.Gate is { } gate
            ? $"  [grey]{(gate.Decision == "approve" ? "approved" : "rejected")} by {Markup.Escape(gate.DecidedBy)}[/]"
            : phase.RequiresApproval && phase.Status == WorkflowState.InputRequired.ToWire()
                ? $"  [yellow]waits for approval: baton workflow approve|reject {Markup.Escape(workflowId)} {Markup.Escape(phase.PhaseId)}[/]"
                : phase.RequiresApproval ? "  [grey]gated[/]" : string.Empty;
        AnsiConsole.MarkupLine(line);
        var table = new Table().Border(TableBorder.None).HideHeaders()
            .AddColumn(new TableColumn(string.Empty).NoWrap()).AddColumn(string.Empty).AddColumn(new TableColumn(string.Empty).NoWrap())
            .AddColumn(string.Empty).AddColumn(new TableColumn(string.Empty).NoWrap()).AddColumn(string.Empty);
        foreach (var task in phase.Tasks)
        {
            table.AddRow(
                new Markup(Markup.Escape(task.TaskId)),
                new Markup(Markup.Escape(Clip(task.Name, 40))),
                new Markup(StatusStyle.Markup(task.Status)),
                new Markup($"[grey]{Markup.Escape(task.AgentName ?? task.Runner)}[/]"),
                new Markup(task.ElapsedSeconds is { } seconds ? Markup.Escape(TaskPrinter.Duration(TimeSpan.FromSeconds(seconds))) : "[grey]-[/]"),
                new Markup(phase.Status == WorkflowState.Draft.ToWire() ? string.Empty : Detail(task)));
        }

        AnsiConsole.Write(new Padder(table, new Padding(2, 0, 0, 0)));
    }

    // What is worth a glance beside a task: its current step, why it waits, or why it did not complete.
    private static string Detail(WorkflowTaskView task)
    {
        if (task.Status == TaskState.Running.ToWire())
        {
            return task.CurrentStep is { } step ? Markup.Escape(Clip(step, 60)) : string.Empty;
        }

        if (task.Status == TaskState.Pending.ToWire() && task.Blocked)
        {
            return "[grey]waiting for its dependencies[/]";
        }

        var ended = TaskStates.TryParse(task.Status, out var state) && state.IsTerminal();
        return ended && state != TaskState.Completed && task.Error is { } error ? $"[red]{Markup.Escape(Clip(error, 100))}[/]" : string.Empty;
    }

    private static string Counts(WorkflowProgressView p)
    {
        var parts = new List<string> { $"{p.Completed} completed" };
        if (p.Running > 0)
        {
            parts.Add($"{p.Running} running");
        }

        if (p.Pending > 0)
        {
            parts.Add($"{p.Pending} pending");
        }

        if (p.Failed > 0)
        {
            parts.Add($"{p.Failed} failed");
        }

        if (p.Cancelled > 0)
        {
            parts.Add($"{p.Cancelled} cancelled");
        }

        return string.Join(", ", parts);
    }

    private static bool IsEnded(string status) => WorkflowStates.TryParse(status, out var state) && state.IsEnded();

    // Finished work is green while more may follow; an ended workflow's bar takes its status colour.
    private static string BarColor(string status) => IsEnded(status) ? StatusStyle.Color(status) : "green";

    private static void Row(Grid grid, string label, string markup) => grid.AddRow(new Markup($"[grey]{label}[/]"), new Markup(markup));

    private static string Escape(string text) => Markup.Escape(text);

    private static string Clip(string text, int max)
    {
        var oneLine = string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 3)] + "...";
    }
}
