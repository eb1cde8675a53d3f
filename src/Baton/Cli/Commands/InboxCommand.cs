using System.CommandLine;
using Baton.Cli.Output;
using Baton.Core.Application.Views;
using Baton.Core.Interactions;

namespace Baton.Cli.Commands;

/// <summary><c>baton inbox [--json]</c>: everything that waits for a person, oldest first, with how to answer it.</summary>
internal static class InboxCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "Show at most this many", DefaultValueFactory = _ => 100 };
        var json = CommandAction.JsonOption();
        var command = new Command("inbox", "What waits for you: agents' approvals and questions, phase gates; oldest first, with how to answer") { limit, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            if (r.GetValue(limit) is < 1 or > 1000)
            {
                throw Core.Errors.BatonException.Invalid($"--limit must be between 1 and 1000 (got {r.GetValue(limit)})");
            }

            var runtime = await CliRuntime.OpenAsync(ct);
            var open = await runtime.Interactions.ListAsync(new InteractionQuery(InteractionStatus.Open, Limit: r.GetValue(limit)), ct);
            var now = TimeProvider.System.GetUtcNow();
            var views = new List<InteractionView>(open.Count);
            foreach (var interaction in open)
            {
                var name = interaction.TaskId is { } taskId ? (await runtime.Store.GetTaskAsync(taskId, ct))?.Definition.Name : null;
                views.Add(InteractionViews.Of(interaction, now, name));
            }

            if (r.GetValue(json))
            {
                CliOutput.Json(new InteractionListView(views, views.Count), ViewJsonContext.Default.InteractionListView);
            }
            else
            {
                InteractionPrinter.PrintInbox(views);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
