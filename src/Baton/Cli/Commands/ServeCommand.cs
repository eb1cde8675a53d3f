using System.CommandLine;
using Baton.Configuration;
using Baton.Daemon;

namespace Baton.Cli.Commands;

/// <summary><c>baton serve [--workers N] [--name NAME] [--label L]...</c>: run the daemon in the foreground until SIGTERM or Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>Marks a daemon started in the background by a command (see <see cref="DaemonLauncher"/>).</summary>
    public const string BackgroundFlag = "--started-in-background";

    public static Command Create()
    {
        var workers = new Option<int?>("--workers")
        {
            Description = "Attempts that run at once (default: BATON_WORKERS, else the number of cores); 0 serves the API without running tasks",
            HelpName = "N",
        };
        var node = new NodeOptions();
        // Given by a command that starts the daemon in the background, never by a user: a port the user chose for
        // 'baton serve' is not silently replaced.
        var background = new Option<bool>(BackgroundFlag) { Hidden = true };
        var command = new Command("serve", "Run the Baton daemon in the foreground (one per data directory)") { workers, background };
        node.AddTo(command);
        CommandAction.Set(command, null, async (r, ct) =>
        {
            var settings = SettingsLoader.Load(
                workersFlag: r.GetValue(workers), node: node.Read(r), allowNoWorkers: true, startedInBackground: r.GetValue(background));
            await DaemonHost.RunAsync(settings, movePortOffBaton: r.GetValue(background), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
