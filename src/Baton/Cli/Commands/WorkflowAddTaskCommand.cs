using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;
using Baton.Core.Workflows;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton workflow add-task WORKFLOW_ID PHASE_ID [task options] [-- PROGRAM ARGS...]</c>: add a task to a phase; the
/// same options as <c>baton task add</c>. Prints the task id; starts a daemon if the task can run at once and none runs.
/// </summary>
internal static class WorkflowAddTaskCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var phaseId = new Argument<string>("phase-id") { Description = "The phase the task belongs to" };
        var options = new TaskOptions("A task of the same workflow that must complete first; its result is handed to this one (repeatable)");
        var json = CommandAction.JsonOption();
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when the task could run now and none is running" };
        var command = new Command("add-task", "Add a command, or an agent with --agent and --prompt, to a phase of a workflow; prints the task id")
        {
            id, phaseId,
        };
        options.AddOptionsTo(command);
        command.Options.Add(json);
        command.Options.Add(noStart);
        command.Arguments.Add(options.Command);
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var workflowId = await runtime.Workflows.ResolveIdAsync(r.GetRequiredValue(id), ct);
            var phase = r.GetRequiredValue(phaseId);
            var definition = await options.BuildAsync(r, runtime, $"baton workflow add-task {workflowId} {phase}", ct);
            if (r.GetValue(noStart) && (await runtime.Workflows.GetAsync(workflowId, ct)).Contents.Workflow.Status == WorkflowState.Running)
            {
                // Refused before the task is added, so that running the command again does not add it twice.
                await runtime.EnsureDaemonAsync(noStart: true, ct);
            }

            var task = await runtime.Workflows.AddTaskAsync(workflowId, phase, definition, Environment.GetEnvironmentVariable("PATH"), ct);
            var message = $"Task {task.Id} added to phase '{phase}' of workflow {workflowId}";
            if (r.GetValue(json))
            {
                CliOutput.Json(new EnqueuedView(task.Id, task.Status.ToWire(), true, message), ViewJsonContext.Default.EnqueuedView);
            }
            else
            {
                Console.Out.WriteLine(task.Id);
                CliOutput.Note(message);
            }

            // Added to a running phase, it may run at once: like task add, make sure a daemon is there to run it.
            if (!task.Blocked && !task.Status.IsTerminal())
            {
                await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
