using System.CommandLine;
using Baton.Configuration;
using Baton.Daemon;

namespace Baton.Cli.Commands;

/// <summary><c>baton serve [--workers N]</c>: run the daemon in the foreground until SIGTERM or Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var workers = new Option<int?>("--workers") { Description = "Attempts that run at once (default: BATON_WORKERS, else the number of cores)", HelpName = "N" };
        var command = new Command("serve", "Run the Baton daemon in the foreground (one per data directory)") { workers };
        CommandAction.Set(command, null, async (r, ct) =>
        {
            var settings = SettingsLoader.Load(workersFlag: r.GetValue(workers));
            await DaemonHost.RunAsync(settings, ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
