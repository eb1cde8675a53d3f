using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Workflows;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow reject WORKFLOW_ID PHASE_ID [--message TEXT]</c>: fail a gated phase under the workflow's failure policy.</summary>
internal static class WorkflowRejectCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var phaseId = WorkflowCommand.PhaseArgument("The gated phase to reject (one that waits in input_required)");
        var message = new Option<string?>("--message") { Description = "Why: recorded as the error of the phase's tasks and the workflow's", HelpName = "TEXT" };
        var json = CommandAction.JsonOption();
        var command = new Command("reject", "Reject a gated phase: its tasks fail without running, and the workflow goes on as its failure policy says")
        {
            id, phaseId, message, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var phase = r.GetRequiredValue(phaseId);
            var view = WorkflowViews.Of(await runtime.Workflows.RejectAsync(r.GetRequiredValue(id), phase, r.GetValue(message), CliRuntime.Caller, ct));
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkflowView);
            }
            else
            {
                Console.Out.WriteLine($"Phase '{phase}' of workflow {view.WorkflowId} rejected; "
                    + (view.Status == WorkflowState.Failed.ToWire()
                        ? $"the workflow failed ({view.FailurePolicy})"
                        : $"the workflow goes on without it and what depends on it ({view.FailurePolicy})"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
