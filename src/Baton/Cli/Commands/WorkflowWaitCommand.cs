using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;
using Baton.Core.Workflows;

namespace Baton.Cli.Commands;

/// <summary><c>baton workflow wait WORKFLOW_ID [--timeout S] [--no-start]</c>: block until the workflow ends; exit 0 only if it completed.</summary>
internal static class WorkflowWaitCommand
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static Command Create()
    {
        var id = WorkflowCommand.IdArgument();
        var timeout = new Option<double?>("--timeout") { Description = "Give up after this many seconds (exit 124)", HelpName = "SECONDS" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running and the workflow has not ended" };
        var json = CommandAction.JsonOption();
        var command = new Command("wait", "Wait until a workflow ends; exit 0 if it completed, 1 if it failed or was cancelled, 124 on --timeout")
        {
            id, timeout, noStart, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var workflowId = await runtime.Workflows.ResolveIdAsync(r.GetRequiredValue(id), ct);
            var status = (await runtime.Workflows.GetAsync(workflowId, ct)).Contents.Workflow.Status;
            await runtime.EnsureDaemonForAsync(status != WorkflowState.Draft && !status.IsEnded(), r.GetValue(noStart), ct);
            var time = TimeProvider.System;
            var begun = time.GetTimestamp();
            var limit = r.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
            var noted = false;
            while (true)
            {
                var details = await runtime.Workflows.GetAsync(workflowId, ct);
                var workflow = details.Contents.Workflow;
                if (workflow.Status == WorkflowState.Draft && !noted)
                {
                    // Waiting is still right if someone else starts it; but a forgotten start would wait forever unnoticed.
                    CliOutput.Note($"Workflow {workflowId} is a draft: it ends only after 'baton workflow start {workflowId}'");
                    noted = true;
                }

                if (workflow.Status.IsEnded())
                {
                    if (r.GetValue(json))
                    {
                        CliOutput.Json(WorkflowViews.Of(details), ViewJsonContext.Default.WorkflowView);
                    }
                    else
                    {
                        var took = (workflow.CompletedAt ?? details.Now) - (workflow.StartedAt ?? workflow.CreatedAt);
                        Console.Out.WriteLine($"Workflow {workflow.Id} {workflow.Status.ToWire()} after {TaskPrinter.Duration(took)}"
                            + (workflow.Status == WorkflowState.Completed || workflow.Error is null ? string.Empty : $": {workflow.Error}"));
                    }

                    return workflow.Status == WorkflowState.Completed ? ExitCodes.Success : ExitCodes.TaskUnsuccessful;
                }

                if (limit != Timeout.InfiniteTimeSpan && time.GetElapsedTime(begun) >= limit)
                {
                    CliOutput.Error($"workflow {workflowId} is still {workflow.Status.ToWire()} after {limit.TotalSeconds:0.#} s");
                    return ExitCodes.WaitTimedOut;
                }

                await Task.Delay(Pause, time, ct);
            }
        });
        return command;
    }
}
