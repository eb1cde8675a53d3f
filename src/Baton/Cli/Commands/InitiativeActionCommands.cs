using System.CommandLine;
using Baton.Core.Application;
using Baton.Core.Initiatives;

namespace Baton.Cli.Commands;

/// <summary><c>baton initiative cancel|archive|unarchive ID</c>: one action on an initiative, then its status.</summary>
internal static class InitiativeActionCommands
{
    public static Command Cancel() => Create("cancel", "Cancel an initiative: what has not finished is cancelled, running tasks are stopped",
        (service, id, ct) => service.CancelAsync(id, ct));

    public static Command Archive() => Create("archive", "Archive an initiative that ended: its worktrees are removed (its branches stay) and it leaves 'list'",
        (service, id, ct) => service.ArchiveAsync(id, ct));

    public static Command Unarchive() => Create("unarchive", "Bring an archived initiative back into 'list'",
        (service, id, ct) => service.UnarchiveAsync(id, ct));

    private static Command Create(string name, string description, Func<InitiativeService, string, CancellationToken, Task<InitiativeStatus>> action)
    {
        var id = InitiativeCommand.IdArgument();
        var json = CommandAction.JsonOption();
        var command = new Command(name, description) { id, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            InitiativeCommand.Print(await action(runtime.Initiatives, r.GetRequiredValue(id), ct), r.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }
}
