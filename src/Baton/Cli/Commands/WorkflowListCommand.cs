using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;
using Baton.Core.Workflows;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow list [--status S] [--limit N]</c>: recent workflows, newest first.</summary>
internal static class WorkflowListCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = "Only workflows with this status" };
        status.AcceptOnlyFromAmong([.. WorkflowStates.AllNames]);
        var limit = new Option<int>("--limit") { Description = "At most this many workflows", DefaultValueFactory = _ => 20 };
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List recent workflows, newest first") { status, limit, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            WorkflowState? state = WorkflowStates.TryParse(r.GetValue(status), out var parsed) ? parsed : null;
            var workflows = await runtime.Workflows.ListAsync(new WorkflowQuery(state, r.GetValue(limit)), ct);
            var views = workflows.Select(WorkflowViews.Of).ToList();
            if (r.GetValue(json))
            {
                CliOutput.Json(views, ViewJsonContext.Default.ListWorkflowListItemView);
            }
            else
            {
                WorkflowPrinter.PrintList(views);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
