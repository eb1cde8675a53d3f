using System.CommandLine;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule pause NAME [--note TEXT]</c>: fire nothing until resumed.</summary>
internal static class SchedulePauseCommand
{
    public static Command Create()
    {
        var name = ScheduleCommand.NameArgument();
        var note = new Option<string?>("--note") { Description = "Why, for whoever looks at the schedule", HelpName = "TEXT" };
        var json = CommandAction.JsonOption();
        var command = new Command("pause", "Pause a schedule: it fires nothing until resumed (runs already queued go on)") { name, note, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var schedule = await runtime.Schedules.PauseAsync(r.GetRequiredValue(name), TaskAnswering.Text(r.GetValue(note), "--note"), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(ScheduleView.Of(schedule), ScheduleJsonContext.Default.ScheduleView);
            }
            else
            {
                Console.Out.WriteLine($"Schedule {schedule.Name} paused ('baton schedule resume {schedule.Name}' starts it again)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
