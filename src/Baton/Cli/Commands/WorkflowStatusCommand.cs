using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow status WORKFLOW_ID</c>: the workflow, its progress, and each phase with its tasks.</summary>
internal static class WorkflowStatusCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("status", "Show a workflow's progress, and each phase with its tasks") { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var details = await runtime.Workflows.GetAsync(r.GetRequiredValue(id), ct);
            var view = WorkflowViews.Of(details);
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkflowView);
            }
            else
            {
                WorkflowPrinter.PrintDetails(view, details.Now);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
