using System.CommandLine;
using Baton.Core.Application.Views;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow add-phase WORKFLOW_ID PHASE_ID</c>: add a phase to a draft workflow.</summary>
internal static class WorkflowAddPhaseCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var phaseId = new Argument<string>("phase-id") { Description = "The phase's id, unique in the workflow: letters, digits, '-', '_' or '.' (e.g. design)" };
        var name = new Option<string?>("--name") { Description = "A human-readable name (default: the phase id)", HelpName = "TEXT" };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "A phase that must complete before this one starts (repeatable)", HelpName = "PHASE_ID" };
        var gated = new Option<bool>("--requires-approval") { Description = "Gate the phase: once its dependencies completed it waits for 'baton workflow approve'" };
        var json = CommandAction.JsonOption();
        var command = new Command("add-phase", "Add a phase to a draft workflow; its tasks run in parallel once the phases it depends on completed")
        {
            id, phaseId, name, dependsOn, gated, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var workflowId = await runtime.Workflows.ResolveIdAsync(r.GetRequiredValue(id), ct);
            var phase = await runtime.Workflows.AddPhaseAsync(workflowId, r.GetRequiredValue(phaseId), r.GetValue(name), r.GetValue(dependsOn) ?? [], r.GetValue(gated), ct);
            if (r.GetValue(json))
            {
                // The phase as 'workflow status' shows it, so both answers agree field for field.
                var view = WorkflowViews.Of(await runtime.Workflows.GetAsync(workflowId, ct));
                CliOutput.Json(view.Phases.Single(p => p.PhaseId == phase.PhaseId), ViewJsonContext.Default.PhaseView);
            }
            else
            {
                Console.Out.WriteLine($"Phase '{phase.PhaseId}' added to workflow {workflowId}"
                    + (phase.DependsOn.Count > 0 ? $" (after {string.Join(", ", phase.DependsOn)})" : string.Empty)
                    + (phase.RequiresApproval ? "; it waits for 'baton workflow approve' once its dependencies completed" : string.Empty));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
