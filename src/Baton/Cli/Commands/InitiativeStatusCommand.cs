using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Events;
using Baton.Core.Initiatives;
using Baton.Core.Initiatives.Views;
using Spectre.Console;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton initiative status ID [--json] [--watch]</c>: per stream a progress bar, completed and total tasks, those in
/// progress, its branch and worktree, its status. With --watch the view follows the initiative's workflow events live
/// until it ends, the way <c>baton watch</c> follows the event log.
/// </summary>
internal static class InitiativeStatusCommand
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var id = InitiativeCommand.IdArgument();
        var watch = new Option<bool>("--watch") { Description = "Keep the view up to date until the initiative ends (Ctrl+C to stop watching)" };
        var json = CommandAction.JsonOption();
        var command = new Command("status", "Show each stream of an initiative: progress, tasks in progress, branch and worktree") { id, watch, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var status = await runtime.Initiatives.GetAsync(r.GetRequiredValue(id), ct);
            if (!r.GetValue(watch))
            {
                InitiativeCommand.Print(status, r.GetValue(json));
                return ExitCodes.Success;
            }

            await WatchAsync(runtime, status, r.GetValue(json), ct);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WatchAsync(CliRuntime runtime, InitiativeStatus status, bool json, CancellationToken cancellationToken)
    {
        var initiativeId = status.Initiative.Id;
        var cursor = new EventCursor(runtime.Events, new EventFilter(WorkflowId: status.Initiative.WorkflowId), await runtime.Events.LatestIdAsync(cancellationToken));
        // Read again after the cursor's position: an end that came before it is in this view, one after it wakes the
        // cursor. (Read only before, an initiative that ended in between would be watched for ever.)
        status = await runtime.Initiatives.GetAsync(initiativeId, cancellationToken);
        if (json || Console.IsOutputRedirected)
        {
            // A pipe gets one view per change, as JSON lines or text, rather than a screen that redraws itself.
            InitiativeCommand.Print(status, json);
            while (!Ended(status))
            {
                if ((await cursor.NextAsync(Wait, cancellationToken)).Count > 0 || status.Initiative.WorkflowId is null)
                {
                    status = await runtime.Initiatives.GetAsync(initiativeId, cancellationToken);
                    InitiativeCommand.Print(status, json);
                }
            }

            return;
        }

        await AnsiConsole.Live(InitiativePrinter.Render(InitiativeView.Of(status))).AutoClear(false).StartAsync(async live =>
        {
            while (!Ended(status))
            {
                await cursor.NextAsync(Wait, cancellationToken);
                status = await runtime.Initiatives.GetAsync(initiativeId, cancellationToken);
                live.UpdateTarget(InitiativePrinter.Render(InitiativeView.Of(status)));
            }
        });
    }

    // A draft is watched too: it may be started from elsewhere.
    private static bool Ended(InitiativeStatus status) => status.Initiative.WorkflowId is not null && status.CanArchive;
}
