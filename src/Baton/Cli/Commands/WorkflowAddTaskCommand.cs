using System.CommandLine;
using Baton.Core.Application.Views;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton workflow add-task WORKFLOW_ID PHASE_ID [task options] [-- PROGRAM ARGS...]</c>: add a task to a phase; the
/// same options as <c>baton task add</c>. Prints the task id.
/// </summary>
internal static class WorkflowAddTaskCommand
{
    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var phaseId = new Argument<string>("phase-id") { Description = "The phase the task belongs to" };
        var options = new TaskOptions("A task of the same workflow that must complete first; its result is handed to this one (repeatable)");
        var json = CommandAction.JsonOption();
        var command = new Command("add-task", "Add a command, or an agent with --agent and --prompt, to a phase of a workflow; prints the task id")
        {
            id, phaseId,
        };
        options.AddOptionsTo(command);
        command.Options.Add(json);
        command.Arguments.Add(options.Command);
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var workflowId = await runtime.Workflows.ResolveIdAsync(r.GetRequiredValue(id), ct);
            var phase = r.GetRequiredValue(phaseId);
            var definition = await options.BuildAsync(r, runtime, $"baton workflow add-task {workflowId} {phase}", ct);
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

            return ExitCodes.Success;
        });
        return command;
    }
}
