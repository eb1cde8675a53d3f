using System.CommandLine;
using Baton.Configuration;
using Baton.Daemon;

namespace Baton.Cli.Commands;

/// <summary>
/// <c>baton worker [--workers N] [--name NAME] [--label L]...</c>: run tasks in the foreground without serving HTTP
/// (one per data directory, like <c>baton serve</c>); <c>baton worker drain|resume NAME</c>: control a node.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var workers = new Option<int?>("--workers") { Description = "Attempts that run at once (default: BATON_WORKERS, else the number of cores)", HelpName = "N" };
        var node = new NodeOptions();
        var command = new Command("worker", "Run tasks in the foreground without serving HTTP (one per data directory), or drain or resume a worker")
        {
            workers,
            WorkerDrainCommand.Create(drain: true),
            WorkerDrainCommand.Create(drain: false),
        };
        node.AddTo(command);
        CommandAction.Set(command, null, async (r, ct) =>
        {
            var settings = SettingsLoader.Load(workersFlag: r.GetValue(workers), node: node.Read(r));
            await WorkerHost.RunAsync(settings, ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
