using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task list [--status S] [--tag T] [--workflow ID] [--limit N]</c>: recent tasks, newest first.</summary>
internal static class TaskListCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = "Only tasks with this status" };
        status.AcceptOnlyFromAmong([.. TaskStates.AllNames]);
        var tag = new Option<string?>("--tag") { Description = "Only tasks with this tag" };
        var workflow = new Option<string?>("--workflow") { Description = "Only tasks of this workflow (id or unique prefix)", HelpName = "WORKFLOW_ID" };
        var limit = new Option<int>("--limit") { Description = "At most this many tasks", DefaultValueFactory = _ => 20 };
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List recent tasks, newest first") { status, tag, workflow, limit, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            TaskState? state = TaskStates.TryParse(r.GetValue(status), out var parsed) ? parsed : null;
            var workflowId = r.GetValue(workflow) is { } idOrPrefix ? await runtime.Workflows.ResolveIdAsync(idOrPrefix, ct) : null;
            var tasks = await runtime.Tasks.ListAsync(new TaskQuery(state, r.GetValue(tag), r.GetValue(limit), workflowId), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(tasks.Select(t => Views.Of(t)).ToList(), ViewJsonContext.Default.ListTaskView);
            }
            else
            {
                var now = TimeProvider.System.GetUtcNow();
                var gone = new HashSet<string>(StringComparer.Ordinal);
                foreach (var task in tasks.Where(t => t.Status == TaskState.Running))
                {
                    if (WorkerLiveness.IsGone(task, await runtime.Store.GetAttemptsAsync(task.Id, ct), now))
                    {
                        gone.Add(task.Id);
                    }
                }

                TaskPrinter.PrintList(tasks, now, gone);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
