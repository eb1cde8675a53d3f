using Baton.Core.Application.Views;
using Spectre.Console;

namespace Baton.Cli.Output;

/// <summary>Interactions for people: the inbox as a list, and what one task waits for inside its details.</summary>
internal static class InteractionPrinter
{
    /// <summary>The inbox: each open interaction with what it asks, of whom, how long it waited and how to answer.</summary>
    public static void PrintInbox(IReadOnlyList<InteractionView> interactions)
    {
        if (interactions.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]Nothing waits for an answer.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("ID").NoWrap()).AddColumn(new TableColumn("KIND").NoWrap()).AddColumn(new TableColumn("WAITING FOR").NoWrap())
            .AddColumn(new TableColumn("WAITED").NoWrap()).AddColumn("ASKS").AddColumn("ANSWER WITH");
        foreach (var interaction in interactions)
        {
            table.AddRow(
                Markup.Escape(interaction.InteractionId),
                Markup.Escape(interaction.Kind),
                Markup.Escape(Of(interaction)),
                Markup.Escape(TaskPrinter.Duration(TimeSpan.FromSeconds(interaction.WaitedSeconds))),
                Markup.Escape(interaction.Summary),
                Markup.Escape(string.Join('\n', interaction.AnswerWith)));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Rows for a task's details: what it waits for and the commands that answer it.</summary>
    public static void Rows(Grid grid, InteractionView interaction)
    {
        Row(grid, "waiting for", $"[yellow]{Markup.Escape(interaction.Kind)}[/] {Markup.Escape(interaction.Summary)}");
        Row(grid, "asked", $"{Markup.Escape(TaskPrinter.Duration(TimeSpan.FromSeconds(interaction.WaitedSeconds)))} ago ({Markup.Escape(interaction.InteractionId)})");
        if (interaction.Detail is { } detail)
        {
            Row(grid, "detail", Markup.Escape(detail.Length <= 2000 ? detail : detail[..2000] + " ..."));
        }

        if (interaction.Plan is { } plan)
        {
            Row(grid, "plan", Markup.Escape(plan.Length <= 4000 ? plan : plan[..4000] + " ..."));
        }

        foreach (var question in interaction.Questions)
        {
            Row(grid, $"question {question.Number}", Markup.Escape(question.Text)
                + string.Concat(question.Options.Select(o => $"\n  {o.Number}. {Markup.Escape(o.Label)}{(o.Description is { } d ? $" [grey]- {Markup.Escape(d)}[/]" : string.Empty)}")));
        }

        Row(grid, "answer with", Markup.Escape(string.Join('\n', interaction.AnswerWith)));
    }

    /// <summary>The task or phase an interaction belongs to, in a few words.</summary>
    public static string Of(InteractionView interaction) => interaction.TaskId is { } task
        ? $"task {task}{(interaction.TaskName is { } name ? $" ({Shorten(name)})" : string.Empty)}"
        : $"workflow {interaction.WorkflowId}, phase {interaction.PhaseId}";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static void Row(Grid grid, string label, string markup) => grid.AddRow(new Markup($"[grey]{label}[/]"), new Markup(markup));
}
