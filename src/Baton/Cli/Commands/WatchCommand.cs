using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Baton.Cli.Watch;
using Baton.Core.Application.Views;
using Baton.Core.Events;
using Baton.Core.Workflows;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton watch [--workflow ID] [--json]</c>: a live view of running workflows, redrawn as the event log grows
/// (read from the store; a daemon is started if none runs, since only a daemon moves the work on). Ctrl+C exits 0; with --workflow it exits when the workflow ends,
/// 0 if it completed and 1 if it failed or was cancelled.
/// </summary>
internal static class WatchCommand
{
    /// <summary>Redraws at most this often.</summary>
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(250);

    /// <summary>Without events the screen is still redrawn this often, for elapsed times.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var workflow = new Option<string?>("--workflow") { Description = "Watch this workflow only, and exit when it ends (0 if it completed, 1 if not)", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Print each event as one line of JSON instead of the live view" };
        var command = new Command("watch", "Watch running workflows live: progress per workflow and phase, running tasks, recent events. Ctrl+C exits")
        {
            workflow, json,
        };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var workflowId = r.GetValue(workflow) is { } given ? await runtime.Workflows.ResolveIdAsync(given, ct) : null;
            // A live view of work that only a daemon moves on: without one, it would show a still picture.
            await runtime.EnsureDaemonForAsync(workflowId is null || !(await runtime.Workflows.GetAsync(workflowId, ct)).Contents.Workflow.Status.IsEnded(), cancellationToken: ct);
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(ct);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // Ctrl+C is how a watch ends: leave the loop and restore the terminal, then exit 0.
                e.Cancel = true;
                interrupted.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return r.GetValue(json)
                    ? await StreamJsonAsync(runtime, workflowId, interrupted.Token)
                    : await ShowLiveAsync(runtime, workflowId, interrupted.Token);
            }
            catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>
    /// One EventView per line: from now on, or with --workflow the workflow's whole history and then live until its
    /// end event.
    /// </summary>
    private static async Task<int> StreamJsonAsync(CliRuntime runtime, string? workflowId, CancellationToken cancellationToken)
    {
        var from = workflowId is null ? await runtime.Events.LatestIdAsync(cancellationToken) : 0;
        var cursor = new EventCursor(runtime.Events, new EventFilter(WorkflowId: workflowId), from);
        var output = Console.Out;
        while (true)
        {
            foreach (var record in await cursor.NextAsync(Frame, cancellationToken))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(EventView.Of(record), EventJsonContext.Default.EventView));
                if (workflowId is not null && record.WorkflowId == workflowId && record.PhaseId is null && record.TaskId is null
                    && record.Type is EventTypes.WorkflowCompleted or EventTypes.WorkflowFailed or EventTypes.WorkflowCancelled)
                {
                    await output.FlushAsync(cancellationToken);
                    return record.Type == EventTypes.WorkflowCompleted ? ExitCodes.Success : ExitCodes.TaskUnsuccessful;
                }
            }

            await output.FlushAsync(cancellationToken);
        }
    }

    private static async Task<int> ShowLiveAsync(CliRuntime runtime, string? workflowId, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var source = await WatchSource.OpenAsync(runtime, workflowId, cancellationToken);
        var since = time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var footer = $"watching since {since}; Ctrl+C to quit";
        var state = await source.ReadAsync(footer, cancellationToken);
        var exit = (int?)null;
        await AnsiConsole.Live(WatchScreen.Render(state, time.GetUtcNow())).AutoClear(false).StartAsync(async live =>
        {
            while (true)
            {
                var drawn = time.GetTimestamp();
                var ended = workflowId is null ? null : state.Workflows[0];
                if (ended is not null && WorkflowStates.TryParse(ended.Status, out var status) && status.IsEnded())
                {
                    exit = status == WorkflowState.Completed ? ExitCodes.Success : ExitCodes.TaskUnsuccessful;
                    return;
                }

                await source.PollAsync(Idle, cancellationToken);
                var rest = Frame - time.GetElapsedTime(drawn);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, time, cancellationToken);
                }

                state = await source.ReadAsync(footer, cancellationToken);
                live.UpdateTarget(WatchScreen.Render(state, time.GetUtcNow()));
            }
        });
        if (exit is { } code && workflowId is not null)
        {
            var view = state.Workflows[0];
            Console.Out.WriteLine($"Workflow {view.WorkflowId} {view.Status}" + (view.Error is { } error ? $": {error}" : string.Empty));
        }

        return exit ?? ExitCodes.Success;
    }
}
