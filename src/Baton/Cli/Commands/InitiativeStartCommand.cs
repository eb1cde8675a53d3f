using System.CommandLine;

namespace Baton.Cli.Commands;

/// <summary><c>baton initiative start ID</c>: check an initiative built step by step and start it.</summary>
internal static class InitiativeStartCommand
{
    public static Command Create()
    {
        var id = InitiativeCommand.IdArgument();
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a daemon when none is running" };
        var json = CommandAction.JsonOption();
        var command = new Command("start", "Check an initiative's streams and start it") { id, noStart, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            // Refused before a daemon is started for it.
            await runtime.Initiatives.CheckStartableAsync(r.GetRequiredValue(id), ct);
            await runtime.EnsureDaemonAsync(r.GetValue(noStart), ct);
            var status = await runtime.Initiatives.StartAsync(r.GetRequiredValue(id), Environment.GetEnvironmentVariable("PATH"), ct);
            InitiativeRunCommand.Report(status, r.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }
}
