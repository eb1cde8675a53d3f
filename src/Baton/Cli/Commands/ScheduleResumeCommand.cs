using System.CommandLine;
using Baton.Core.Schedules;

namespace Baton.Cli.Commands;

/// <summary><c>baton schedule resume NAME</c>: fire again from the next occurrence on.</summary>
internal static class ScheduleResumeCommand
{
    public static Command Create()
    {
        var name = ScheduleCommand.NameArgument();
        var json = CommandAction.JsonOption();
        var command = new Command("resume", "Resume a paused schedule from its next occurrence (what fell while paused is not run)") { name, json };
        CommandAction.Set(command, json, async (r, ct) =>
        {
            var runtime = await CliRuntime.OpenAsync(ct);
            var schedule = await runtime.Schedules.ResumeAsync(r.GetRequiredValue(name), ct);
            if (r.GetValue(json))
            {
                CliOutput.Json(ScheduleView.Of(schedule), ScheduleJsonContext.Default.ScheduleView);
            }
            else
            {
                Console.Out.WriteLine($"Schedule {schedule.Name} resumed; next occurrence {SchedulePrinter.Time(schedule.State.NextAt, schedule)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
