using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow approve WORKFLOW_ID PHASE_ID [--with-feedback TEXT]</c>: start a gated phase that waits for approval.</summary>
internal static class WorkflowApproveCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var phaseId = WorkflowCommand.PhaseArgument("The gated phase to start (one that waits in input_required)");
        var feedback = new Option<string?>("--with-feedback") { Description = "Feedback added to the phase's tasks' prompts (commands get it in BATON_UPSTREAM)", HelpName = "TEXT" };
        var json = CommandAction.JsonOption();
        var command = new Command("approve", "Approve a gated phase: its tasks start, with your feedback in their prompts; starts a daemon if none runs")
        {
            id, phaseId, feedback, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var phase = r.GetRequiredValue(phaseId);
            var view = WorkflowViews.Of(await runtime.Workflows.ApproveAsync(r.GetRequiredValue(id), phase, r.GetValue(feedback), CliRuntime.Caller, ct));
            // The released tasks need a daemon to run them.
            await runtime.EnsureDaemonAsync(noStart: false, ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(view, ViewJsonContext.Default.WorkflowView);
            }
            else
            {
                var tasks = view.Phases.Single(p => p.PhaseId == phase).Tasks.Count;
                Console.Out.WriteLine($"Phase '{phase}' of workflow {view.WorkflowId} approved: {tasks} task{(tasks == 1 ? " starts" : "s start")}"
                    + $"; follow it with 'baton workflow status {view.WorkflowId}'");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
