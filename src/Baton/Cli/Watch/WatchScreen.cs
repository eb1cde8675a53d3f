using System.Globalization;
using Baton.Cli.Output;
using Baton.Core.Application.Views;
using Baton.Core.Events;
using Baton.Core.Tasks;
using Baton.Core.Workflows;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Baton.Cli.Watch;

/// <summary>
/// What <c>baton watch</c> draws: a panel per workflow (its bar, a bar per phase, its running tasks with their
/// current step and elapsed time), the running tasks outside workflows, and the latest events.
/// </summary>
internal static class WatchScreen
{
    public static IRenderable Render(WatchState state, DateTimeOffset now)
    {
        var rows = new List<IRenderable>();
        foreach (var workflow in state.Workflows)
        {
            rows.Add(Workflow(workflow));
        }

        if (state.Workflows.Count == 0)
        {
            rows.Add(new Markup("[grey]No running workflows.[/]"));
        }

        if (state.Tasks.Count > 0)
        {
            var tasks = new List<IRenderable>();
            foreach (var task in state.Tasks)
            {
                var elapsed = task.StartedAt is { } started ? TaskPrinter.Duration(now - started) : "-";
                tasks.Add(new Markup($"[blue]▶[/] {Markup.Escape(Clip(task.Definition.Name, 50))} [grey]{task.Id}[/]  {Markup.Escape(elapsed)}"));
            }

            rows.Add(new Panel(new Rows(tasks)).Header("tasks").Expand());
        }

        rows.Add(Events(state.Recent));
        rows.Add(new Markup($"[grey]{Markup.Escape(state.Footer)}[/]"));
        return new Rows(rows);
    }

    private static Panel Workflow(WorkflowView view)
    {
        var progress = view.Progress;
        var lines = new List<IRenderable>
        {
            new Markup($"{ProgressBar.Markup(progress.Completed, progress.Total, BarColor(view.Status), 40)}  {StatusStyle.Markup(view.Status)}"
                + (view.ElapsedSeconds is { } seconds ? $"  [grey]{Markup.Escape(TaskPrinter.Duration(TimeSpan.FromSeconds(seconds)))}[/]" : string.Empty)),
        };
        var width = view.Phases.Count == 0 ? 0 : view.Phases.Max(p => p.PhaseId.Length);
        foreach (var phase in view.Phases)
        {
            var done = phase.Tasks.Count(t => t.Status == TaskState.Completed.ToWire());
            lines.Add(new Markup($"  {Markup.Escape(phase.PhaseId.PadRight(width))}  {ProgressBar.Markup(done, phase.Tasks.Count, BarColor(phase.Status), 20)}  {StatusStyle.Markup(phase.Status)}"));
            foreach (var task in phase.Tasks.Where(t => t.Status == TaskState.Running.ToWire()))
            {
                var elapsed = task.ElapsedSeconds is { } s ? TaskPrinter.Duration(TimeSpan.FromSeconds(s)) : "-";
                var step = task.CurrentStep is { } current ? $"  [grey]{Markup.Escape(Clip(current, 60))}[/]" : string.Empty;
                lines.Add(new Markup($"    [blue]▶[/] {Markup.Escape(Clip(task.Name, 40))} [grey]{task.TaskId}[/]  {Markup.Escape(elapsed)}{step}"));
            }
        }

        if (view.Error is { } error)
        {
            lines.Add(new Markup($"[red]{Markup.Escape(Clip(error, 120))}[/]"));
        }

        return new Panel(new Rows(lines)).Header($"{Markup.Escape(view.Name)} [grey]{view.WorkflowId}[/]").Expand();
    }

    private static Panel Events(IReadOnlyList<EventRecord> recent)
    {
        var table = new Table().Border(TableBorder.None).HideHeaders()
            .AddColumn(new TableColumn(string.Empty).NoWrap()).AddColumn(new TableColumn(string.Empty).NoWrap())
            .AddColumn(new TableColumn(string.Empty).NoWrap()).AddColumn(string.Empty);
        foreach (var record in recent)
        {
            table.AddRow(
                new Markup($"[grey]{record.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}[/]"),
                new Markup(Markup.Escape(record.Type)),
                new Markup($"[grey]{Markup.Escape(record.TaskId ?? record.PhaseId ?? record.WorkflowId ?? string.Empty)}[/]"),
                new Markup(Markup.Escape(Clip(record.Message ?? record.Status ?? string.Empty, 80))));
        }

        return new Panel(recent.Count == 0 ? new Markup("[grey]No events yet.[/]") : table).Header("events").Expand();
    }

    private static string BarColor(string status) =>
        WorkflowStates.TryParse(status, out var state) && state.IsEnded() ? StatusStyle.Color(status) : "green";

    private static string Clip(string text, int max)
    {
        var oneLine = string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 3)] + "...";
    }
}
