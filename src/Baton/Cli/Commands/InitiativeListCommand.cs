using System.CommandLine;
using Baton.Core.Initiatives.Views;
using Baton.Cli.Output;

namespace Baton.Cli.Commands;

/// <summary><c>baton initiative list [--all]</c>: initiatives, newest first; archived ones only with --all.</summary>
internal static class InitiativeListCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Include archived initiatives" };
        var json = CommandAction.JsonOption();
        var command = new Command("list", "List initiatives, newest first, with their progress") { all, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var list = new InitiativeListView([.. (await runtime.Initiatives.ListAsync(r.GetValue(all), ct)).Select(InitiativeView.Of)]);
            if (r.GetValue(json))
            {
                CliOutput.Json(list, InitiativeViewJsonContext.Default.InitiativeListView);
            }
            else
            {
                InitiativePrinter.PrintList(list);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
