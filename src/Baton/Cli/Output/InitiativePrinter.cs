using Baton.Core.Initiatives.Views;
using Spectre.Console;

namespace Baton.Cli.Output;

/// <summary>An initiative for people: its settings, then per stream a progress bar, counts, branch and worktree.</summary>
internal static class InitiativePrinter
{
    public static void Print(InitiativeView view) => AnsiConsole.Write(Render(view));

    /// <summary>The initiative as one renderable, for a single print or a live display.</summary>
    public static Spectre.Console.Rendering.IRenderable Render(InitiativeView view)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Row(grid, "initiative", $"[bold]{Markup.Escape(view.Name)}[/]");
        Row(grid, "id", Markup.Escape(view.Id));
        Row(grid, "status", StatusStyle.Markup(view.Status) + (view.ArchivedAt is not null ? " [grey](archived)[/]" : string.Empty));
        Row(grid, "repository", Markup.Escape(view.Repository) + (view.Base is { } b ? $" [grey]from {Markup.Escape(b)}[/]" : string.Empty));
        if (view.WorkflowId is { } workflow)
        {
            Row(grid, "workflow", Markup.Escape(workflow));
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("stream").AddColumn("phase").AddColumn("progress").AddColumn("running").AddColumn("status").AddColumn("branch / worktree");
        foreach (var stream in view.Streams)
        {
            var where = Markup.Escape(stream.Branch) + (stream.WorktreePath is { } path ? $"\n[grey]{Markup.Escape(path)}[/]" : string.Empty);
            table.AddRow(
                $"[bold]{Markup.Escape(stream.Id)}[/]" + (stream.Name != stream.Id ? $"\n[grey]{Markup.Escape(stream.Name)}[/]" : string.Empty),
                Markup.Escape(stream.Phase),
                ProgressBar.Markup(stream.CompletedTasks, stream.TotalTasks, StatusStyle.Color(stream.Status) is "default" ? "blue" : StatusStyle.Color(stream.Status)),
                stream.InProgressTasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                StatusStyle.Markup(stream.Status),
                where);
        }

        return new Rows(grid, table);
    }

    public static void PrintList(InitiativeListView list)
    {
        if (list.Initiatives.Count == 0)
        {
            CliOutput.Note("No initiatives; create one with 'baton initiative run FILE' or 'baton initiative create --name NAME --repo PATH'");
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn("id").AddColumn("name").AddColumn("status").AddColumn("streams").AddColumn("progress");
        foreach (var initiative in list.Initiatives)
        {
            var total = initiative.Streams.Sum(s => s.TotalTasks);
            var completed = initiative.Streams.Sum(s => s.CompletedTasks);
            table.AddRow(
                Markup.Escape(initiative.Id),
                Markup.Escape(initiative.Name),
                StatusStyle.Markup(initiative.Status) + (initiative.ArchivedAt is not null ? " [grey](archived)[/]" : string.Empty),
                initiative.Streams.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ProgressBar.Markup(completed, total, "blue"));
        }

        AnsiConsole.Write(table);
    }

    private static void Row(Grid grid, string label, string markup) => grid.AddRow($"[grey]{label}[/]", markup);
}
