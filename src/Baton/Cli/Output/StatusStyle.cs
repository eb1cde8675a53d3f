using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Cli.Output;

/// <summary>Colours of workflow, phase and task statuses (by wire name), the same everywhere the CLI prints them.</summary>
internal static class StatusStyle
{
    /// <summary>The status as Spectre markup, coloured.</summary>
    public static string Markup(string status) => $"[{Color(status)}]{Spectre.Console.Markup.Escape(status)}[/]";

    /// <summary>The colour for a status.</summary>
    public static string Color(string status) => status switch
    {
        _ when Is(status, TaskState.Completed) => "green",
        _ when Is(status, TaskState.Failed) || Is(status, TaskState.TimedOut) => "red",
        _ when Is(status, TaskState.Cancelled) => "grey",
        _ when Is(status, TaskState.Running) => "blue",
        _ when Is(status, TaskState.Retrying) || Is(status, TaskState.InputRequired) || Is(status, TaskState.Paused) => "yellow",
        _ when status == WorkflowState.Draft.ToWire() => "yellow",
        _ => "default",
    };

    private static bool Is(string status, TaskState state) => status == state.ToWire();
}
