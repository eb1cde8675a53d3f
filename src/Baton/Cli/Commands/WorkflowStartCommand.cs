using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow start WORKFLOW_ID</c>: check a draft workflow's whole graph and start it.</summary>
internal static class WorkflowStartCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("start", "Check a draft workflow (phases, tasks, no cycles) and start it; starts a daemon if none runs")
        {
            id, noStart, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var workflowId = await runtime.Workflows.ResolveIdAsync(r.GetRequiredValue(id), ct);
            // A workflow that cannot start is refused before a daemon is started for it (or --no-start fails for want
            // of one), as 'task add' checks a task first; the start below checks again.
            if (await runtime.Workflows.CheckStartableAsync(workflowId, ct))
            {
                await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            }

            var view = WorkflowViews.Of(await runtime.Workflows.StartAsync(workflowId, ct));
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkflowView);
            }
            else
            {
                Console.Out.WriteLine($"Workflow {view.WorkflowId} started: {WorkflowPrinter.Count(view.Phases.Count, "phase")}, {WorkflowPrinter.Count(view.Progress.Total, "task")}; "
                    + $"follow it with 'baton workflow status {view.WorkflowId}'");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
