using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Listing;
using Baton.Core.Application.Views;
using Baton.Core.Errors;
using Baton.Core.Storage;
using Baton.Core.Tasks;

namespace Baton.Cli.Commands;

/// <summary><c>baton task list [--status S[,S]] [--tag T] [--workflow ID] [--agent A] [--owner O] [--since T] [--until T] [--search TEXT] [--limit N]</c>: recent tasks, newest first.</summary>
internal static class TaskListCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = $"Only tasks with this status, or any of several comma-separated: {string.Join(", ", TaskStates.AllNames)}" };
        status.Validators.Add(result =>
        {
            var names = TaskStates.AllNames;
            foreach (var name in result.GetValueOrDefault<string?>()?.Split(',', StringSplitOptions.TrimEntries) ?? [])
            {
                if (!TaskStates.TryParse(name, out _))
                {
                    result.AddError($"--status takes {string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}, not '{name}' (several may be given, comma-separated)");
                    return;
                }
            }
        });
        var tag = new Option<string?>("--tag") { Description = "Only tasks with this tag" };
        var workflow = new Option<string?>("--workflow") { Description = "Only tasks of this workflow (id or unique prefix)", HelpName = "WORKFLOW_ID" };
        var agent = new Option<string?>("--agent") { Description = "Only tasks queued with this agent definition", HelpName = "NAME" };
        var owner = new Option<string?>("--owner") { Description = "Only tasks created by this caller, as shown in created_by (cli:alice, token:ci)", HelpName = "CREATED_BY" };
        var since = new Option<string?>("--since") { Description = $"Only tasks created at or after this: {TaskListFilters.TimeForms}", HelpName = "TIME" };
        var until = new Option<string?>("--until") { Description = "Only tasks created before this (the same forms as --since)", HelpName = "TIME" };
        var search = new Option<string?>("--search") { Description = "Only tasks whose name contains this text, ignoring case", HelpName = "TEXT" };
        var limit = new Option<int>("--limit") { Description = "At most this many tasks", DefaultValueFactory = _ => 20 };
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List recent tasks, newest first") { status, tag, workflow, agent, owner, since, until, search, limit, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var filter = new TaskListFilter(r.GetValue(status), r.GetValue(agent), r.GetValue(owner), r.GetValue(since), r.GetValue(until), r.GetValue(search));
            var query = Filtered(new TaskQuery(Tag: r.GetValue(tag), Limit: r.GetValue(limit)), filter);
            var workflowId = r.GetValue(workflow) is { } idOrPrefix ? await runtime.Workflows.ResolveIdAsync(idOrPrefix, ct) : null;
            var tasks = await runtime.Tasks.ListAsync(query with { WorkflowId = workflowId }, ct);
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

    // The filters' messages name them as the REST API does; here they are options.
    private static TaskQuery Filtered(TaskQuery query, TaskListFilter filter)
    {
        try
        {
            return TaskListFilters.Apply(query, filter, TimeProvider.System.GetUtcNow());
        }
        catch (TaskFilterException ex)
        {
            var option = ex.Field == "q" ? "search" : ex.Field;
            throw BatonException.Invalid($"--{option}{(ex.Message.StartsWith(ex.Field, StringComparison.Ordinal) ? ex.Message[ex.Field.Length..] : ": " + ex.Message)}");
        }
    }
}
